import type { Queryable } from '../db.ts';

export interface TeamUser {
  user_id: string;
  name: string | null;
  email: string | null;
  slack_id: string | null;
  role: 'csm' | 'leader' | 'support' | 'admin';
  team: string | null;
  attributes: Record<string, unknown>;
  /** Slack time zone (users.info `tz`), once known: digests go out at the user's local hour. */
  tz?: string | null;
}

/** Finds a team member by user id, email or Slack id (case-insensitive for ids and emails). */
export async function findUser(db: Queryable, ref: string): Promise<TeamUser | null> {
  const [row] = await db.query<TeamUser>(
    `SELECT * FROM users WHERE lower(user_id) = lower($1) OR lower(email) = lower($1) OR slack_id = $1
      ORDER BY (lower(user_id) = lower($1)) DESC LIMIT 1`,
    [ref],
  );
  return row ?? null;
}

/** The identifiers accounts.csm may hold for this user (their id, email and Slack id). */
export function csmKeys(user: TeamUser): string[] {
  return [user.user_id, user.email, user.slack_id].filter((v): v is string => Boolean(v));
}

export async function listUsers(db: Queryable): Promise<TeamUser[]> {
  return db.query<TeamUser>('SELECT * FROM users ORDER BY user_id');
}

/** Records a team member's Slack id once it is known (found by email through users.info). */
export async function linkSlackId(db: Queryable, userId: string, slackId: string): Promise<void> {
  await db.query('UPDATE users SET slack_id = $2 WHERE user_id = $1 AND slack_id IS NULL', [userId, slackId]);
}

/** Records a team member's Slack time zone (from users.info). */
export async function setUserTimeZone(db: Queryable, userId: string, tz: string): Promise<void> {
  await db.query('UPDATE users SET tz = $2 WHERE user_id = $1', [userId, tz]);
}
