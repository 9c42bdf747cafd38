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

/** The email's domain in lower case, or null. */
export const emailDomain = (email: string | null): string | null =>
  email?.includes('@') ? (email.split('@').pop() as string).toLowerCase() : null;

/**
 * Which account a billing customer is (DESIGN §13): the one its `metadata.account_id` names, else
 * the one whose domain is the customer's email domain, else a new account named after it. Pure.
 */
export function customerAccount(
  customer: BillingCustomer,
  accounts: { ids: ReadonlySet<string>; byDomain: ReadonlyMap<string, string> },
  source: string,
): CustomerMapping {
  const named = customer.metadata.account_id;
  if (named && accounts.ids.has(named)) return { accountId: named, via: 'metadata.account_id' };
  const domain = emailDomain(customer.email);
  const byDomain = domain ? accounts.byDomain.get(domain) : undefined;
  if (byDomain) return { accountId: byDomain, via: 'email domain' };
  return {
    accountId: named || `${source}-${customer.id}`,
    via: 'new account',
    name: customer.name?.trim() || domain || customer.id,
    domain,
  };
}
