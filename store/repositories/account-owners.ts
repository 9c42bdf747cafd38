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
 * The accounts a feedback item speaks for: its own, and with `request` also every item merged into
 * it (resolving a request resolves them all). Empty when there is no such item.
 */
export async function feedbackAccountIds(
  db: Queryable,
  feedbackId: string,
  request: boolean,
): Promise<string[]> {
  const rows = await db.query<{ account_id: string }>(
    `SELECT DISTINCT account_id FROM feedback WHERE feedback_id = $1 OR ($2 AND canonical_id = $1) ORDER BY account_id`,
    [feedbackId, request],
  );
  return rows.map((r) => r.account_id);
}

/** accounts.csm values of every member of a team (for `visibility: team`). */
export async function teamCsmKeys(db: Queryable, team: string): Promise<string[]> {
  const rows = await db.query<{ user_id: string; email: string | null; slack_id: string | null }>(
    'SELECT user_id, email, slack_id FROM users WHERE team = $1',
    [team],
  );
  return rows.flatMap((r) => [r.user_id, r.email, r.slack_id]).filter((v): v is string => Boolean(v));
}
