import type { AlertSeverity } from '../../knowledge/alert-rules.ts';
import type { AlertState, AlertTransition, LiveAlert } from '../../tools/alerts/alert-lifecycle.ts';
import type { AlertEvidence } from '../../tools/alerts/alert-types.ts';
import type { Db, Queryable } from '../db.ts';

/** An alert as stored: the DESIGN §11 fields plus its lifecycle columns. */
export interface StoredAlert {
  alert_id: string;
  account_id: string;
  account_name: string;
  rule: string;
  reason_key: string;
  owner: string | null;
  severity: AlertSeverity;
  state: AlertState;
  reason: string;
  evidence: AlertEvidence[];
  inputs_key: string;
  since: string;
  raised_on: string;
  last_seen: string;
  resolved_on: string | null;
  resolution: string | null;
  snoozed_until: string | null;
  snooze_inputs: string | null;
  delivery: 'pending' | 'dm' | 'digest';
  notified_at: string | null;
  dm_channel: string | null;
  dm_ts: string | null;
  escalated_at: string | null;
  digested_on: string | null;
  playbook_opened_at: string | null;
  not_useful: string | null;
}

const SELECT = 'SELECT al.*, a.name AS account_name FROM alerts al JOIN accounts a USING (account_id)';

/** The unresolved alerts of some accounts: what the lifecycle compares today's conditions with. */
export async function liveAlerts(db: Queryable, accountIds: readonly string[]): Promise<LiveAlert[]> {
  return db.query<LiveAlert>(
    `SELECT alert_id, account_id, rule, reason_key, state, severity, reason, inputs_key, snoozed_until, snooze_inputs
       FROM alerts WHERE state <> 'resolved' AND account_id = ANY($1::text[])`,
    [accountIds],
  );
}

/** Accounts with an unresolved alert of one rule. */
export async function accountsWithLiveAlert(db: Queryable, rule: string): Promise<string[]> {
  return (
    await db.query<{ account_id: string }>(
      "SELECT DISTINCT account_id FROM alerts WHERE state <> 'resolved' AND rule = $1 ORDER BY account_id",
      [rule],
    )
  ).map((r) => r.account_id);
}

/** Unresolved alerts of accounts that are no longer customers on a day (churned since). */
export async function liveAlertsOfFormerCustomers(
  db: Queryable,
  day: string,
): Promise<(LiveAlert & { churned_at: string | null })[]> {
  return db.query(
    `SELECT al.alert_id, al.account_id, al.rule, al.reason_key, al.state, al.severity, al.reason, al.inputs_key,
            al.snoozed_until, al.snooze_inputs, a.churned_at
       FROM alerts al JOIN accounts a USING (account_id)
      WHERE al.state <> 'resolved' AND a.status <> 'active' AND (a.churned_at IS NULL OR a.churned_at <= $1)`,
    [day],
  );
}

/**
 * Applies one batch of transitions in one transaction and returns the alerts they touched.
 * Raised alerts get the next `AL-` id; a woken alert goes back to `new` for delivery.
 */
export async function applyAlertTransitions(
  db: Db,
  day: string,
  now: string,
  transitions: readonly AlertTransition[],
  ownerOf: (accountId: string) => string | null,
): Promise<{ alert_id: string; change: AlertTransition['kind'] }[]> {
  if (transitions.length === 0) return [];
  return db.transaction(async (tx) => {
    const out: { alert_id: string; change: AlertTransition['kind'] }[] = [];
    for (const t of transitions) {
      if (t.kind === 'raise') {
        const c = t.condition;
        const [row] = await tx.query<{ alert_id: string }>(
          `INSERT INTO alerts (alert_id, account_id, rule, reason_key, owner, severity, state, reason, evidence, inputs_key,
                               since, raised_on, last_seen, updated_at)
           VALUES ('AL-' || lpad(nextval('alert_seq')::text, 6, '0'), $1, $2, $3, $4, $5, 'new', $6, $7, $8, $9, $10, $10, $11)
           ON CONFLICT (account_id, rule, reason_key) WHERE state <> 'resolved' DO NOTHING
           RETURNING alert_id`,
          [
            c.account_id,
            c.rule,
            c.reason_key,
            ownerOf(c.account_id),
            c.severity,
            c.reason,
            JSON.stringify(c.evidence),
            c.inputs_key,
            c.since,
            day,
            now,
          ],
        );
        // Raised by another run of the same day a moment ago (its identity is taken): nothing to add.
        if (row) out.push({ alert_id: row.alert_id, change: 'raise' });
      } else if (t.kind === 'update' || t.kind === 'wake') {
        const c = t.condition;
        const wake = t.kind === 'wake';
        await tx.query(
          `UPDATE alerts SET severity = $2, reason = $3, evidence = $4, inputs_key = $5, last_seen = $6, updated_at = $7
                  ${wake ? ", state = 'new', delivery = 'pending', snoozed_until = NULL, snooze_inputs = NULL, notified_at = NULL" : ''}
            WHERE alert_id = $1`,
          [
            t.alert.alert_id,
            c.severity,
            wake ? `${c.reason} (Back: ${t.why}.)` : c.reason,
            JSON.stringify(c.evidence),
            c.inputs_key,
            day,
            now,
          ],
        );
        out.push({ alert_id: t.alert.alert_id, change: t.kind });
      } else {
        await tx.query(
          `UPDATE alerts SET state = 'resolved', resolved_on = $2, resolution = $3, updated_at = $4 WHERE alert_id = $1`,
          [t.alert.alert_id, day, t.why, now],
        );
        out.push({ alert_id: t.alert.alert_id, change: 'resolve' });
      }
    }
    return out;
  });
}

/** Alerts by id, with the account name. */
export async function alertsById(db: Queryable, ids: readonly string[]): Promise<StoredAlert[]> {
  return db.query<StoredAlert>(`${SELECT} WHERE al.alert_id = ANY($1::text[]) ORDER BY al.alert_id`, [ids]);
}

export async function findAlert(db: Queryable, id: string): Promise<StoredAlert | null> {
  return (await alertsById(db, [id]))[0] ?? null;
}

/** Alerts raised or woken and not yet planned for delivery. */
export async function pendingAlerts(db: Queryable): Promise<StoredAlert[]> {
  return db.query<StoredAlert>(
    `${SELECT} WHERE al.state = 'new' AND al.delivery = 'pending' ORDER BY al.alert_id`,
  );
}

export async function setAlertDelivery(
  db: Queryable,
  ids: readonly string[],
  delivery: 'dm' | 'digest',
): Promise<void> {
  if (ids.length > 0)
    await db.query('UPDATE alerts SET delivery = $2 WHERE alert_id = ANY($1::text[])', [ids, delivery]);
}

/**
 * Alerts for a reader: `keys` null for every account, else the accounts.csm values of the book
 * (the account's current CSM: an alert follows its account when it changes hands); `states` null
 * for every state.
 */
export async function listAlerts(
  db: Queryable,
  filter: { keys: readonly string[] | null; states: readonly AlertState[] | null; limit?: number },
): Promise<StoredAlert[]> {
  return db.query<StoredAlert>(
    `${SELECT} WHERE ($1::text[] IS NULL OR a.csm = ANY($1::text[]))
        AND ($2::text[] IS NULL OR al.state = ANY($2::text[]))
      ORDER BY CASE al.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, al.raised_on DESC, al.alert_id
      LIMIT $3`,
    [
      filter.keys === null ? null : [...filter.keys],
      filter.states === null ? null : [...filter.states],
      filter.limit ?? 500,
    ],
  );
}

/** A person's change to an alert (acknowledge, snooze, not useful, playbook opened); false when it was resolved. */
export async function updateAlertByPerson(
  db: Queryable,
  id: string,
  change:
    | { kind: 'acknowledge' }
    | { kind: 'snooze'; until: string | null; untilInputsChange: boolean }
    | { kind: 'not_useful'; reason: string }
    | { kind: 'playbook_opened' },
  now: string,
): Promise<boolean> {
  const set = {
    acknowledge: "state = 'acknowledged'",
    snooze:
      "state = 'snoozed', snoozed_until = $3, snooze_inputs = CASE WHEN $4 THEN inputs_key ELSE NULL END",
    not_useful: "state = 'acknowledged', not_useful = $3",
    playbook_opened: 'playbook_opened_at = $2',
  }[change.kind];
  const params: unknown[] = [id, now];
  if (change.kind === 'snooze') params.push(change.until, change.untilInputsChange);
  if (change.kind === 'not_useful') params.push(change.reason);
  const rows = await db.query(
    `UPDATE alerts SET ${set}, updated_at = $2 WHERE alert_id = $1 AND state <> 'resolved' RETURNING alert_id`,
    params,
  );
  return rows.length > 0;
}

/** Accounts among `ids` with a save play open: an unresolved alert opening `rules`' play, taken on by a person. */
export async function accountsWithOpenPlay(
  db: Queryable,
  ids: readonly string[],
  rules: readonly string[],
): Promise<Set<string>> {
  const rows = await db.query<{ account_id: string }>(
    `SELECT DISTINCT account_id FROM alerts
      WHERE account_id = ANY($1::text[]) AND rule = ANY($2::text[]) AND state <> 'resolved'
        AND (state IN ('acknowledged', 'escalated') OR playbook_opened_at IS NOT NULL)`,
    [ids, rules],
  );
  return new Set(rows.map((r) => r.account_id));
}

/** DM sends per recipient in a week (Monday to Sunday): what the weekly budget has spent. */
export async function dmsSent(db: Queryable, weekStart: string, day: string): Promise<Map<string, number>> {
  const rows = await db.query<{ recipient: string; n: number }>(
    `SELECT recipient, count(*)::int AS n FROM alert_sends
      WHERE kind = 'dm' AND day >= $1 AND day <= $2 GROUP BY recipient`,
    [weekStart, day],
  );
  return new Map(rows.map((r) => [r.recipient, r.n]));
}

/** DMs planned but not yet sent, with the alerts they carry. */
export async function unsentDms(
  db: Queryable,
): Promise<{ send_key: string; recipient: string; day: string; alert_ids: string[] }[]> {
  return db.query(
    "SELECT send_key, recipient, day, alert_ids FROM alert_sends WHERE kind = 'dm' AND sent_at IS NULL ORDER BY claimed_at, send_key",
  );
}

/**
 * Claims one send: true when this caller may send it. A claim that was never marked sent and is
 * older than `staleBefore` (its sender died) can be claimed again.
 */
export async function claimSend(
  db: Queryable,
  send: {
    send_key: string;
    kind: 'dm' | 'escalation' | 'digest' | 'leader_digest';
    recipient: string;
    day: string;
    alert_ids: readonly string[];
  },
  now: string,
  staleBefore: string,
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO alert_sends (send_key, kind, recipient, day, alert_ids, claimed_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (send_key) DO UPDATE SET claimed_at = EXCLUDED.claimed_at
       WHERE alert_sends.sent_at IS NULL AND alert_sends.claimed_at < $7
     RETURNING send_key`,
    [send.send_key, send.kind, send.recipient, send.day, [...send.alert_ids], now, staleBefore],
  );
  return rows.length > 0;
}

/** Records a planned send without claiming it for sending (a DM decided while Slack is off). */
export async function planSend(
  db: Queryable,
  send: { send_key: string; recipient: string; day: string; alert_ids: readonly string[] },
): Promise<void> {
  await db.query(
    // Unclaimed (claimed at the epoch): the first sender to come may take it.
    `INSERT INTO alert_sends (send_key, kind, recipient, day, alert_ids, claimed_at) VALUES ($1, 'dm', $2, $3, $4, '1970-01-01T00:00:00Z')
     ON CONFLICT (send_key) DO NOTHING`,
    [send.send_key, send.recipient, send.day, [...send.alert_ids]],
  );
}

export async function markSent(
  db: Queryable,
  key: string,
  posted: { channel: string; ts: string },
  now: string,
): Promise<void> {
  await db.query(
    'UPDATE alert_sends SET sent_at = $2, channel = $3, ts = $4, error = NULL WHERE send_key = $1',
    [key, now, posted.channel, posted.ts],
  );
}

/** A send that failed: kept unsent with the error, and claimable again at once. */
export async function markSendFailed(db: Queryable, key: string, error: string): Promise<void> {
  await db.query(
    "UPDATE alert_sends SET error = $2, claimed_at = '1970-01-01T00:00:00Z' WHERE send_key = $1",
    [key, error],
  );
}

/** Marks alerts as delivered by DM: open, with the message they were sent in. */
export async function recordDelivered(
  db: Queryable,
  ids: readonly string[],
  posted: { channel: string; ts: string },
  now: string,
): Promise<void> {
  await db.query(
    `UPDATE alerts SET state = CASE WHEN state = 'new' THEN 'open' ELSE state END, notified_at = $2, dm_channel = $3, dm_ts = $4
      WHERE alert_id = ANY($1::text[])`,
    [ids, now, posted.channel, posted.ts],
  );
}

/** Critical alerts still unacknowledged: candidates for escalation. */
export async function unacknowledgedNotified(
  db: Queryable,
  severities: readonly string[],
): Promise<StoredAlert[]> {
  return db.query<StoredAlert>(
    `${SELECT} WHERE al.state IN ('new', 'open') AND al.notified_at IS NOT NULL AND al.escalated_at IS NULL
        AND al.severity = ANY($1::text[]) ORDER BY al.alert_id`,
    [severities],
  );
}

export async function recordEscalated(db: Queryable, id: string, now: string): Promise<void> {
  await db.query(
    "UPDATE alerts SET state = 'escalated', escalated_at = $2, updated_at = $2 WHERE alert_id = $1",
    [id, now],
  );
}

/** Held-back alerts (over budget, or no owner) not yet in a digest, of a book (its accounts.csm values). */
export async function heldForDigest(db: Queryable, keys: readonly string[] | null): Promise<StoredAlert[]> {
  return db.query<StoredAlert>(
    `${SELECT} WHERE al.delivery = 'digest' AND al.digested_on IS NULL AND al.state IN ('new', 'open', 'escalated')
        AND ($1::text[] IS NULL OR a.csm = ANY($1::text[]))
      ORDER BY al.alert_id`,
    [keys === null ? null : [...keys]],
  );
}

export async function recordDigested(db: Queryable, ids: readonly string[], day: string): Promise<void> {
  if (ids.length > 0)
    await db.query(
      "UPDATE alerts SET digested_on = $2, state = CASE WHEN state = 'new' THEN 'open' ELSE state END WHERE alert_id = ANY($1::text[])",
      [ids, day],
    );
}

/** Alerts of a book (its accounts.csm values) raised or resolved on a day, for "what changed". */
export async function alertsChangedOn(
  db: Queryable,
  day: string,
  keys: readonly string[] | null,
): Promise<StoredAlert[]> {
  return db.query<StoredAlert>(
    `${SELECT} WHERE (al.raised_on = $1 OR al.resolved_on = $1) AND ($2::text[] IS NULL OR a.csm = ANY($2::text[]))
      ORDER BY al.alert_id`,
    [day, keys === null ? null : [...keys]],
  );
}

/** Per rule: alerts marked not useful, out of all raised in a range (the backtest's "Not useful" rate). */
export async function notUsefulByRule(
  db: Queryable,
  from: string,
  to: string,
): Promise<Map<string, { raised: number; not_useful: number }>> {
  const rows = await db.query<{ rule: string; raised: number; not_useful: number }>(
    `SELECT rule, count(*)::int AS raised, count(not_useful)::int AS not_useful FROM alerts
      WHERE raised_on >= $1 AND raised_on <= $2 GROUP BY rule`,
    [from, to],
  );
  return new Map(rows.map((r) => [r.rule, { raised: r.raised, not_useful: r.not_useful }]));
}

/** The user id an accounts.csm value means (id, email or Slack id), else the value itself. */
const CURRENT_OWNER = `COALESCE((SELECT u.user_id FROM users u
   WHERE u.user_id = a.csm OR lower(u.email) = lower(a.csm) OR u.slack_id = a.csm ORDER BY u.user_id LIMIT 1), a.csm)`;

export interface AlertOwnerMove {
  alert_id: string;
  from_owner: string | null;
  to_owner: string | null;
}

/**
 * Alerts follow the book: every unresolved alert whose owner is no longer its account's CSM moves
 * to the current one, and the move is written to its history. An alert that was waiting to be
 * told, or told only to the old owner, goes back to `new` so its new owner is told (a DM within
 * their budget, else their digest); acknowledged and snoozed alerts keep their state. `accountIds`
 * null: every account; `at` null: the database's time. Idempotent: a second call moves nothing.
 */
export async function moveAlertsToCurrentOwners(
  tx: Queryable,
  accountIds: readonly string[] | null,
  at: string | null,
  by: string,
): Promise<AlertOwnerMove[]> {
  return tx.query<AlertOwnerMove>(
    `WITH current AS (
       SELECT al.alert_id, al.owner AS from_owner, ${CURRENT_OWNER} AS to_owner
         FROM alerts al JOIN accounts a USING (account_id)
        WHERE al.state <> 'resolved' AND ($1::text[] IS NULL OR al.account_id = ANY($1::text[]))
     ), moved AS (
       UPDATE alerts al SET owner = c.to_owner, updated_at = COALESCE($2::timestamptz, now()),
              state = CASE WHEN al.state IN ('new', 'open', 'escalated') THEN 'new' ELSE al.state END,
              delivery = CASE WHEN al.state IN ('new', 'open', 'escalated') THEN 'pending' ELSE al.delivery END,
              notified_at = CASE WHEN al.state IN ('new', 'open', 'escalated') THEN NULL ELSE al.notified_at END,
              dm_channel = CASE WHEN al.state IN ('new', 'open', 'escalated') THEN NULL ELSE al.dm_channel END,
              dm_ts = CASE WHEN al.state IN ('new', 'open', 'escalated') THEN NULL ELSE al.dm_ts END,
              escalated_at = CASE WHEN al.state IN ('new', 'open', 'escalated') THEN NULL ELSE al.escalated_at END,
              digested_on = NULL
         FROM current c
        WHERE al.alert_id = c.alert_id AND c.from_owner IS DISTINCT FROM c.to_owner
       RETURNING al.alert_id, c.from_owner, c.to_owner
     ), logged AS (
       INSERT INTO alert_history (alert_id, at, change, from_owner, to_owner, by)
       SELECT alert_id, COALESCE($2::timestamptz, now()), 'owner_changed', from_owner, to_owner, $3 FROM moved
     )
     SELECT alert_id, from_owner, to_owner FROM moved ORDER BY alert_id`,
    [accountIds === null ? null : [...accountIds], at, by],
  );
}

export interface AlertHistoryEntry {
  alert_id: string;
  at: string;
  change: 'owner_changed';
  from_owner: string | null;
  to_owner: string | null;
  by: string;
}

/** The history of some alerts (owner moves), oldest first. */
export async function alertHistory(db: Queryable, ids: readonly string[]): Promise<AlertHistoryEntry[]> {
  if (ids.length === 0) return [];
  return db.query<AlertHistoryEntry>(
    `SELECT alert_id, at, change, from_owner, to_owner, by FROM alert_history
      WHERE alert_id = ANY($1::text[]) ORDER BY at, id`,
    [ids],
  );
}

/** A book's open alerts (not resolved) counted per owner and severity, most critical first. */
export async function openAlertsByOwner(
  db: Queryable,
  keys: readonly string[] | null,
): Promise<{ owner: string | null; critical: number; high: number; other: number; escalated: number }[]> {
  return db.query(
    `SELECT al.owner,
            count(*) FILTER (WHERE al.severity = 'critical')::int AS critical,
            count(*) FILTER (WHERE al.severity = 'high')::int AS high,
            count(*) FILTER (WHERE al.severity NOT IN ('critical', 'high'))::int AS other,
            count(*) FILTER (WHERE al.state = 'escalated')::int AS escalated
       FROM alerts al JOIN accounts a USING (account_id)
      WHERE al.state <> 'resolved' AND ($1::text[] IS NULL OR a.csm = ANY($1::text[]))
      GROUP BY al.owner ORDER BY 2 DESC, 3 DESC, al.owner NULLS LAST`,
    [keys === null ? null : [...keys]],
  );
}
