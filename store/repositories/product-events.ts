import type { ProductEventRow } from '../../tools/usage/segment-message.ts';
import type { Queryable } from '../db.ts';

/**
 * Product analytics calls stored raw, each once (by message id: a retried call stores nothing);
 * a group call also records the user's account, the latest call winning. Returns how many were new.
 */
export async function saveProductEvents(
  tx: Queryable,
  rows: readonly ProductEventRow[],
  receivedAt: string,
): Promise<number> {
  if (rows.length === 0) return 0;
  const inserted = await tx.query<{ message_id: string }>(
    `INSERT INTO product_events (message_id, kind, account_id, user_id, event, at, received_at, body)
     SELECT r.message_id, r.kind, r.account_id, r.user_id, r.event, r.at, $2, r.body
       FROM json_to_recordset($1::json) AS r(message_id text, kind text, account_id text, user_id text, event text,
            at timestamptz, body jsonb)
     ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
    [JSON.stringify(rows), receivedAt],
  );
  const groups = rows.filter((r) => r.kind === 'group' && r.user_id && r.account_id);
  if (groups.length > 0)
    await tx.query(
      `INSERT INTO product_user_accounts (user_id, account_id, at)
       SELECT DISTINCT ON (r.user_id) r.user_id, r.account_id, r.at
         FROM json_to_recordset($1::json) AS r(user_id text, account_id text, at timestamptz)
        ORDER BY r.user_id, r.at DESC
       ON CONFLICT (user_id) DO UPDATE SET account_id = EXCLUDED.account_id, at = EXCLUDED.at
        WHERE product_user_accounts.at <= EXCLUDED.at`,
      [JSON.stringify(groups)],
    );
  return inserted.length;
}

export interface UsageRollup {
  day: string;
  /** Accounts given a usage row for the day (every account that has ever sent calls). */
  accounts: number;
  /** Track calls in the day. */
  events: number;
  /** Track calls in the day whose account is unknown: no groupId, no group call, or an id the store lacks. */
  unattributed: number;
}

/** The rollup's rules, from knowledge/connectors/product-events.json (knowledge/usage-rollup.ts). */
export interface UsageRollupRules {
  version: string;
  coreActions: readonly string[];
  /** Each tracked event's feature. */
  features: readonly { event: string; feature: string }[];
  featuresTotal: number;
  wauDays: number;
  mauDays: number;
}

/**
 * One day's usage rows from the stored calls, under the rollup config (knowledge/connectors/
 * product-events.json): per account, distinct users with a track call that day (DAU), in the
 * `wau_days` and `mau_days` ending that day (WAU, MAU = seats_active), that day's core actions,
 * and the features with a call in the MAU window. Every account that has sent calls gets a row,
 * zeros included; a re-run replaces the day's rows. Days are UTC.
 */
export async function rollupUsageDay(
  db: Queryable,
  day: string,
  rules: UsageRollupRules,
): Promise<UsageRollup> {
  const rows = await db.query<{ accounts: number; events: number; unattributed: number }>(
    `WITH window_events AS (
        SELECT COALESCE(e.account_id, u.account_id) AS account_id, e.user_id, e.event,
               (e.at AT TIME ZONE 'UTC')::date AS day
          FROM product_events e LEFT JOIN product_user_accounts u ON u.user_id = e.user_id
         WHERE e.kind = 'track' AND e.at >= (($1::date - ($5::int - 1))::timestamp AT TIME ZONE 'UTC')
           AND e.at < (($1::date + 1)::timestamp AT TIME ZONE 'UTC')),
      features AS (SELECT f.event, f.feature FROM json_to_recordset($3::json) AS f(event text, feature text)),
      tracked AS (
        SELECT DISTINCT a.account_id FROM accounts a
         WHERE EXISTS (SELECT 1 FROM product_events e WHERE e.account_id = a.account_id)
            OR EXISTS (SELECT 1 FROM product_user_accounts u WHERE u.account_id = a.account_id)),
      per_account AS (
        SELECT t.account_id,
               count(DISTINCT w.user_id) FILTER (WHERE w.day = $1::date) AS dau,
               count(DISTINCT w.user_id) FILTER (WHERE w.day > $1::date - $4::int) AS wau,
               count(DISTINCT w.user_id) AS mau,
               count(w.event) FILTER (WHERE w.day = $1::date AND w.event = ANY($2::text[])) AS core_actions,
               count(DISTINCT f.feature) AS features_used
          FROM tracked t
          LEFT JOIN window_events w ON w.account_id = t.account_id
          LEFT JOIN features f ON f.event = w.event
         GROUP BY t.account_id),
      written AS (
        INSERT INTO usage (account_id, date, dau, wau, mau, seats_active, core_actions, features_used, features_total,
                           attributes)
        SELECT account_id, $1::date, dau, wau, mau, mau, core_actions, features_used, $6::int,
               jsonb_build_object('source', 'product_events', 'rollup', $7::text)
          FROM per_account
        ON CONFLICT (account_id, date) DO UPDATE SET dau = EXCLUDED.dau, wau = EXCLUDED.wau, mau = EXCLUDED.mau,
               seats_active = EXCLUDED.seats_active, core_actions = EXCLUDED.core_actions,
               features_used = EXCLUDED.features_used, features_total = EXCLUDED.features_total,
               attributes = usage.attributes || EXCLUDED.attributes
        RETURNING account_id)
     SELECT (SELECT count(*)::int FROM written) AS accounts,
            (SELECT count(*)::int FROM window_events WHERE day = $1::date) AS events,
            (SELECT count(*)::int FROM window_events w WHERE w.day = $1::date
               AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = w.account_id)) AS unattributed`,
    [
      day,
      rules.coreActions,
      JSON.stringify(rules.features),
      rules.wauDays,
      rules.mauDays,
      rules.featuresTotal,
      rules.version,
    ],
  );
  const r = rows[0] ?? { accounts: 0, events: 0, unattributed: 0 };
  return { day, ...r };
}

/** Whether any product call was ever stored (the scheduler rolls usage up only then). */
export async function hasProductEvents(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM product_events) AS any');
  return row?.any ?? false;
}
