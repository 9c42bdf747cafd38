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
