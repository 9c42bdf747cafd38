import type { Queryable } from '../db.ts';
import type { TextSide } from './customer-signals.ts';

export type LinkedVia = 'slack_command' | 'cli' | 'slack_connect';
export type BackfillState = 'pending' | 'running' | 'done' | 'failed';

export interface CustomerChannel {
  channel_id: string;
  account_id: string;
  name: string | null;
  shared: boolean;
  linked_via: LinkedVia;
  linked_by: string;
  linked_at: string;
  backfill_days: number;
  backfill_cursor: string | null;
  backfill_state: BackfillState;
  backfill_error: string | null;
  backfill_pages: number;
  backfilled_at: string | null;
}

/** A linked channel with its account's name and what it holds. */
export interface ChannelSummary extends CustomerChannel {
  account_name: string;
  messages: number;
  last_message_at: string | null;
}

/** Links a channel to an account (or moves it to another), its back-fill to run again from the start. */
export async function linkChannel(
  tx: Queryable,
  c: Pick<
    CustomerChannel,
    | 'channel_id'
    | 'account_id'
    | 'name'
    | 'shared'
    | 'linked_via'
    | 'linked_by'
    | 'linked_at'
    | 'backfill_days'
  >,
): Promise<void> {
  await tx.query(
    `INSERT INTO customer_channels (channel_id, account_id, name, shared, linked_via, linked_by, linked_at, backfill_days)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (channel_id) DO UPDATE SET account_id = EXCLUDED.account_id, name = coalesce(EXCLUDED.name, customer_channels.name),
       shared = EXCLUDED.shared, linked_via = EXCLUDED.linked_via, linked_by = EXCLUDED.linked_by, linked_at = EXCLUDED.linked_at,
       backfill_days = EXCLUDED.backfill_days, backfill_cursor = NULL, backfill_state = 'pending', backfill_error = NULL,
       backfill_pages = 0, backfilled_at = NULL`,
    [c.channel_id, c.account_id, c.name, c.shared, c.linked_via, c.linked_by, c.linked_at, c.backfill_days],
  );
}

/** Unlinks a channel; true when it was linked. */
export async function unlinkChannel(tx: Queryable, channelId: string): Promise<boolean> {
  return (
    (await tx.query('DELETE FROM customer_channels WHERE channel_id = $1 RETURNING channel_id', [channelId]))
      .length > 0
  );
}

export async function findChannel(db: Queryable, channelId: string): Promise<CustomerChannel | null> {
  const [row] = await db.query<CustomerChannel>('SELECT * FROM customer_channels WHERE channel_id = $1', [
    channelId,
  ]);
  return row ?? null;
}

/** Linked channels with their message counts and last message (null `accountIds`: all of them). */
export async function channelSummaries(
  db: Queryable,
  accountIds: readonly string[] | null,
): Promise<ChannelSummary[]> {
  return db.query<ChannelSummary>(
    `SELECT c.*, a.name AS account_name, coalesce(m.n, 0)::int AS messages, m.last_at AS last_message_at
       FROM customer_channels c JOIN accounts a USING (account_id)
       LEFT JOIN LATERAL (SELECT count(*) AS n, max(at) AS last_at FROM customer_messages WHERE channel_id = c.channel_id) m ON true
      WHERE $1::text[] IS NULL OR c.account_id = ANY($1::text[])
      ORDER BY a.name, c.channel_id`,
    [accountIds === null ? null : [...accountIds]],
  );
}

/** Channels whose history still has to be read, oldest link first. */
export async function channelsToBackfill(db: Queryable): Promise<CustomerChannel[]> {
  return db.query<CustomerChannel>(
    "SELECT * FROM customer_channels WHERE backfill_state IN ('pending', 'running') ORDER BY linked_at, channel_id",
  );
}

/** Where a channel's back-fill stands: the next page's cursor, and its state. */
export async function recordBackfill(
  tx: Queryable,
  channelId: string,
  step: { cursor: string | null; state: BackfillState; error?: string | null; at: string },
): Promise<void> {
  await tx.query(
    `UPDATE customer_channels SET backfill_cursor = $2, backfill_state = $3, backfill_error = $4,
            backfill_pages = backfill_pages + CASE WHEN $3 IN ('running', 'done') THEN 1 ELSE 0 END,
            backfilled_at = CASE WHEN $3 = 'done' THEN $5::timestamptz ELSE backfilled_at END
      WHERE channel_id = $1`,
    [channelId, step.cursor, step.state, step.error ?? null, step.at],
  );
}

/** A message of a linked channel, as stored. */
export interface CustomerMessage {
  channel_id: string;
  ts: string;
  account_id: string;
  thread_ts: string | null;
  author_id: string | null;
  author_name: string | null;
  side: TextSide;
  text: string;
  at: string;
  edited_at: string | null;
}

/** Stores messages (a message read twice, by the back-fill and live, is kept once; an edit replaces its text). */
export async function saveMessages(tx: Queryable, messages: readonly CustomerMessage[]): Promise<number> {
  if (messages.length === 0) return 0;
  const rows = await tx.query<{ ts: string }>(
    `INSERT INTO customer_messages (channel_id, ts, account_id, thread_ts, author_id, author_name, side, text, at, edited_at)
     SELECT r.channel_id, r.ts, r.account_id, r.thread_ts, r.author_id, r.author_name, r.side, r.text, r.at::timestamptz,
            r.edited_at::timestamptz
       FROM json_to_recordset($1::json) AS r(channel_id text, ts text, account_id text, thread_ts text, author_id text,
            author_name text, side text, text text, at text, edited_at text)
     ON CONFLICT (channel_id, ts) DO UPDATE SET text = EXCLUDED.text, edited_at = EXCLUDED.edited_at, account_id = EXCLUDED.account_id
       WHERE customer_messages.text IS DISTINCT FROM EXCLUDED.text OR customer_messages.account_id IS DISTINCT FROM EXCLUDED.account_id
     RETURNING ts`,
    [JSON.stringify(messages)],
  );
  return rows.length;
}

/** Deletes one message; true when it was stored. */
export async function deleteMessage(tx: Queryable, channelId: string, ts: string): Promise<boolean> {
  return (
    (
      await tx.query('DELETE FROM customer_messages WHERE channel_id = $1 AND ts = $2 RETURNING ts', [
        channelId,
        ts,
      ])
    ).length > 0
  );
}

/** Deletes every message of a channel; their keys (`channel:ts`), for the signals to go too. */
export async function purgeChannelMessages(tx: Queryable, channelId: string): Promise<string[]> {
  const rows = await tx.query<{ ts: string }>(
    'DELETE FROM customer_messages WHERE channel_id = $1 RETURNING ts',
    [channelId],
  );
  return rows.map((r) => `${channelId}:${r.ts}`);
}

/** Deletes messages older than the cut-off; their keys. */
export async function purgeMessagesBefore(tx: Queryable, before: string): Promise<string[]> {
  const rows = await tx.query<{ channel_id: string; ts: string }>(
    'DELETE FROM customer_messages WHERE at < $1::timestamptz RETURNING channel_id, ts',
    [before],
  );
  return rows.map((r) => `${r.channel_id}:${r.ts}`);
}

export async function findMessage(
  db: Queryable,
  channelId: string,
  ts: string,
): Promise<CustomerMessage | null> {
  const [row] = await db.query<CustomerMessage>(
    'SELECT * FROM customer_messages WHERE channel_id = $1 AND ts = $2',
    [channelId, ts],
  );
  return row ?? null;
}

/** Who is on our side of an account's channel: our team's Slack ids, and the account's domain. */
export async function sideContextRows(
  db: Queryable,
  accountId: string,
): Promise<{ slackIds: string[]; domain: string | null }> {
  const [people, [account]] = await Promise.all([
    db.query<{ slack_id: string }>('SELECT slack_id FROM users WHERE slack_id IS NOT NULL'),
    db.query<{ domain: string | null }>('SELECT domain FROM accounts WHERE account_id = $1', [accountId]),
  ]);
  return { slackIds: people.map((p) => p.slack_id), domain: account?.domain ?? null };
}

/** Accounts whose domain is one of these emails' domains. */
export async function accountsByDomain(
  db: Queryable,
  emails: readonly string[],
): Promise<{ account_id: string; name: string; domain: string | null }[]> {
  const domains = [...new Set(emails.map((e) => e.split('@')[1]?.toLowerCase()).filter(Boolean))];
  if (domains.length === 0) return [];
  return db.query(
    "SELECT account_id, name, domain FROM accounts WHERE lower(domain) = ANY($1::text[]) AND status <> 'churned' ORDER BY account_id",
    [domains],
  );
}

/** A customer's question or escalation in a linked channel, and our team's first reply to it (if any). */
export interface CustomerQuestion {
  account_id: string;
  channel_id: string;
  ts: string;
  at: string;
  kind: string;
  quote: string;
  replied_at: string | null;
}

/**
 * The customer's messages in [from, at) that carry a question or an escalation, once each (as
 * its question when it carries both), with our team's first reply after it (in its thread, or in
 * the channel for a top-level message) before `at`; null while unanswered.
 */
export async function customerQuestions(
  db: Queryable,
  accountIds: readonly string[] | null,
  from: string,
  at: string,
): Promise<CustomerQuestion[]> {
  const rows = await db.query<CustomerQuestion>(
    `SELECT DISTINCT ON (m.account_id, m.at, m.channel_id, m.ts) m.account_id, m.channel_id, m.ts, m.at, s.kind, s.quote,
            (SELECT min(r.at) FROM customer_messages r
              WHERE r.channel_id = m.channel_id AND r.side = 'team' AND r.at > m.at AND r.at <= $3::timestamptz
                AND (r.thread_ts = coalesce(m.thread_ts, m.ts) OR (r.thread_ts IS NULL AND m.thread_ts IS NULL))) AS replied_at
       FROM customer_messages m
       JOIN customer_signals s ON s.source = 'slack' AND s.source_id = m.channel_id || ':' || m.ts
                              AND s.kind IN ('question', 'escalation')
      WHERE ($1::text[] IS NULL OR m.account_id = ANY($1::text[])) AND m.side = 'customer'
        AND m.at >= $2::timestamptz AND m.at < $3::timestamptz
      ORDER BY m.account_id, m.at, m.channel_id, m.ts, s.kind DESC`,
    [accountIds ? [...accountIds] : null, from, at],
  );
  return rows.map((r) => ({
    ...r,
    at: new Date(r.at).toISOString(),
    replied_at: r.replied_at ? new Date(r.replied_at).toISOString() : null,
  }));
}

/** Each account's segment (for its response SLA). */
export async function segmentsOf(
  db: Queryable,
  accountIds: readonly string[],
): Promise<Map<string, string | null>> {
  const rows = await db.query<{ account_id: string; segment: string | null }>(
    'SELECT account_id, segment FROM accounts WHERE account_id = ANY($1::text[])',
    [[...accountIds]],
  );
  return new Map(rows.map((r) => [r.account_id, r.segment]));
}

/** Messages stored for the channels whose id starts with a prefix, and how many distinct ones. */
export async function storedMessageCounts(
  db: Queryable,
  prefix: string,
): Promise<{ n: number; distinct: number }> {
  const [row] = await db.query<{ n: number; distinct: number }>(
    'SELECT count(*)::int AS n, count(DISTINCT (channel_id, ts))::int AS distinct FROM customer_messages WHERE channel_id LIKE $1',
    [`${prefix}%`],
  );
  return row ?? { n: 0, distinct: 0 };
}
