import type { Queryable } from '../db.ts';

/** An account and the CSM whose book it is in (accounts.csm may hold a user id, email or Slack id). */
export interface AccountOwnerRow {
  id: string;
  name: string;
  csm: string | null;
  csm_name: string | null;
}

export async function accountOwners(
  db: Queryable,
  accountIds: readonly string[],
): Promise<AccountOwnerRow[]> {
  if (accountIds.length === 0) return [];
  return db.query<AccountOwnerRow>(
    `SELECT DISTINCT ON (a.account_id) a.account_id AS id, a.name, a.csm, u.name AS csm_name
       FROM accounts a
       LEFT JOIN users u ON a.csm = u.user_id OR lower(a.csm) = lower(u.email) OR a.csm = u.slack_id
      WHERE a.account_id = ANY($1::text[])
      ORDER BY a.account_id, (a.csm = u.user_id) DESC`,
    [accountIds],
  );
}

/** Owners of the accounts whose names are given (to keep "did you mean" inside what the asker may see). */
export async function accountOwnersByName(
  db: Queryable,
  names: readonly string[],
): Promise<AccountOwnerRow[]> {
  if (names.length === 0) return [];
  const rows = await db.query<{ account_id: string }>(
    'SELECT account_id FROM accounts WHERE name = ANY($1::text[])',
    [names],
  );
  return accountOwners(
    db,
    rows.map((r) => r.account_id),
  );
}

/**
 * The accounts on the requests these feedback items belong to: each item's request (the item
 * itself, or the request it is merged into) and every item merged into that request. A change to
 * any item of a request is a change to the request, so it is checked against all of them. The
 * ids no item has are returned apart.
 */
export async function requestAccountIds(
  db: Queryable,
  feedbackIds: readonly string[],
): Promise<{ accountIds: string[]; missing: string[] }> {
  const rows = await db.query<{ feedback_id: string; account_id: string | null }>(
    `WITH named AS (
       SELECT n.feedback_id, COALESCE(f.canonical_id, f.feedback_id) AS request_id
         FROM unnest($1::text[]) AS n (feedback_id) LEFT JOIN feedback f USING (feedback_id)
     )
     SELECT DISTINCT named.feedback_id, m.account_id
       FROM named LEFT JOIN feedback m ON m.feedback_id = named.request_id OR m.canonical_id = named.request_id
      ORDER BY 1, 2`,
    [feedbackIds],
  );
  const accountIds = [...new Set(rows.flatMap((r) => (r.account_id ? [r.account_id] : [])))].sort();
  const missing = rows.filter((r) => r.account_id === null).map((r) => r.feedback_id);
  return { accountIds, missing };
}

/** accounts.csm values of every member of a team (for `visibility: team`). */
export async function teamCsmKeys(db: Queryable, team: string): Promise<string[]> {
  const rows = await db.query<{ user_id: string; email: string | null; slack_id: string | null }>(
    'SELECT user_id, email, slack_id FROM users WHERE team = $1',
    [team],
  );
  return rows.flatMap((r) => [r.user_id, r.email, r.slack_id]).filter((v): v is string => Boolean(v));
}
