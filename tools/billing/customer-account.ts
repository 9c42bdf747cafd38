import { type AccountKeys, emailDomain, matchAccount } from '../connectors/account-match.ts';

/** A billing customer, the fields that name its account. */
export interface BillingCustomer {
  id: string;
  name: string | null;
  email: string | null;
  metadata: Record<string, string>;
}

export type CustomerMapping =
  | { accountId: string; via: 'metadata.account_id' | 'email domain' }
  | { accountId: string; via: 'new account'; name: string; domain: string | null };

/**
 * Which account a billing customer is (DESIGN §13): the one its `metadata.account_id` names, else
 * the one whose domain is the customer's email domain, else a new account named after it. Pure.
 */
export function customerAccount(
  customer: BillingCustomer,
  accounts: AccountKeys,
  source: string,
): CustomerMapping {
  const domain = emailDomain(customer.email);
  const match = matchAccount({ namedId: customer.metadata.account_id, domains: [domain] }, accounts, {
    accountId: `${source}-${customer.id}`,
    name: customer.name?.trim() || domain || customer.id,
  });
  if (match.via === 'new account') return match;
  return {
    accountId: match.accountId as string,
    via: match.via === 'named id' ? 'metadata.account_id' : 'email domain',
  };
}

export type NewAccount = Extract<CustomerMapping, { via: 'new account' }>;

/**
 * One page's customers mapped to accounts: each customer's mapping, and the new accounts the page
 * needs (once each, and none the store already has). Pure.
 */
export function customersToAccounts(
  customers: readonly BillingCustomer[],
  accounts: AccountKeys,
  source: string,
): { mapped: Map<string, CustomerMapping>; created: NewAccount[] } {
  const mapped = new Map<string, CustomerMapping>();
  for (const c of customers) if (!mapped.has(c.id)) mapped.set(c.id, customerAccount(c, accounts, source));
  const created = new Map<string, NewAccount>();
  for (const m of mapped.values())
    if (m.via === 'new account' && !accounts.ids.has(m.accountId) && !created.has(m.accountId))
      created.set(m.accountId, m);
  return { mapped, created: [...created.values()] };
}
