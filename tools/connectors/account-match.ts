/** The accounts a connector maps records onto: ids, and ids by lower-cased domain. */
export interface AccountKeys {
  ids: ReadonlySet<string>;
  byDomain: ReadonlyMap<string, string>;
}

/** What a vendor record says about which account it is. */
export interface AccountClues {
  /** A link stored by an earlier sync (sync_links): decisive. */
  linked?: string | null;
  /** An account id the record names (Stripe metadata.account_id, a HubSpot property, a Zendesk external_id). */
  namedId?: string | null;
  /** Domains the record carries, most telling first. */
  domains: readonly (string | null | undefined)[];
}

export type AccountMatch =
  | { accountId: string; via: 'link' | 'named id' | 'domain' }
  | { accountId: string; via: 'new account'; name: string; domain: string | null }
  | { accountId: null; via: 'unmatched' };

/** Lower case, no scheme, no www., no path: `https://www.Acme.io/x` → `acme.io`. */
export function bareDomain(value: string | null | undefined): string | null {
  const v = value
    ?.trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^www\./, '')
    .split(/[/?#]/)[0];
  return v?.includes('.') ? v : null;
}

/** The email's domain in lower case, or null. */
export const emailDomain = (email: string | null | undefined): string | null =>
  email?.includes('@') ? bareDomain(email.split('@').pop()) : null;

/**
 * Which account a vendor's record is (DESIGN §13), one rule for every connector: a stored link,
 * else the account id it names, else an account whose domain it carries; else a new account when
 * the source creates them (`create`), or unmatched. Pure.
 */
export function matchAccount(
  clues: AccountClues,
  accounts: AccountKeys,
  create: { accountId: string; name: string } | null,
): AccountMatch {
  if (clues.linked && accounts.ids.has(clues.linked)) return { accountId: clues.linked, via: 'link' };
  if (clues.namedId && accounts.ids.has(clues.namedId)) return { accountId: clues.namedId, via: 'named id' };
  const domains = clues.domains.map(bareDomain).filter((d): d is string => d !== null);
  for (const d of domains) {
    const id = accounts.byDomain.get(d);
    if (id) return { accountId: id, via: 'domain' };
  }
  if (!create) return { accountId: null, via: 'unmatched' };
  return {
    accountId: clues.namedId || create.accountId,
    via: 'new account',
    name: create.name,
    domain: domains[0] ?? null,
  };
}
