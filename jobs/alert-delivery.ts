import { addDays } from '../core/calendar.ts';
import type { Logger } from '../core/logger.ts';
import { accountEngagement } from '../facts/engagement.ts';
import { findUser, teamOf } from '../facts/team.ts';
import { type AlertRuleId, alertDelivery, alertRules } from '../knowledge/alert-rules.ts';
import {
  alertsById,
  claimSend,
  dmsSent,
  markSendFailed,
  markSent,
  pendingAlerts,
  planSend,
  recordDelivered,
  recordEscalated,
  setAlertDelivery,
  unacknowledgedNotified,
  unsentDms,
} from '../records/alerts.ts';
import type { Db } from '../store/db.ts';
import { planDelivery, weekOf } from '../tools/alerts/alert-budget.ts';
import type { AlertNotifier, Posted } from './alert-notifier.ts';

/** What the send log records of a send that posted nothing. */
export const NOTHING_POSTED: Posted = { channel: '', ts: '' };

/** A claim older than this with no send recorded belongs to a sender that died: it may be taken again. */
export const STALE_CLAIM_MS = 10 * 60_000;
export const staleBefore = (now: string) => new Date(Date.parse(now) - STALE_CLAIM_MS).toISOString();

/**
 * Posts one send this worker has claimed. If it went out, it is recorded as sent and `after` runs
 * with where it went. Null from `post` (the router refused it, or there was nothing to say) is
 * done too, with nothing posted. If it failed, the error is logged and kept, and the send is left
 * claimable for the next pass. True when it was posted.
 */
export async function postClaimed(
  db: Db,
  send: { key: string; what: string; logged: Record<string, unknown> },
  now: string,
  logger: Logger,
  post: () => Promise<Posted | null>,
  after: (posted: Posted) => Promise<void> = async () => undefined,
): Promise<boolean> {
  try {
    const posted = await post();
    await markSent(db, send.key, posted ?? NOTHING_POSTED, now);
    if (!posted) {
      logger.info(send.logged, `${send.what}: nothing to post`);
      return false;
    }
    await after(posted);
    return true;
  } catch (error) {
    logger.error({ err: error, ...send.logged }, `${send.what} failed: retried on the next pass`);
    await markSendFailed(db, send.key, (error as Error).message);
    return false;
  }
}

/** The weekly DM cap of one owner: their own setting, else the team default. */
export const weeklyBudget = (owner: string): number => {
  const b = alertDelivery().weekly_dm_budget;
  return b.per_user[owner] ?? b.default;
};

/**
 * Decides today's deliveries: one DM per owner and account (merged), most severe first, within
 * each owner's weekly budget; the rest wait for the owner's digest. The DMs go into the send log
 * as planned sends, so the budget counts them whether or not Slack is connected yet.
 */
export async function planAlertDeliveries(db: Db, day: string): Promise<{ dms: number; held: number }> {
  const pending = await pendingAlerts(db);
  if (pending.length === 0) return { dms: 0, held: 0 };
  const plan = planDelivery(
    pending,
    await dmsSent(db, weekOf(day), day),
    weeklyBudget,
    alertDelivery().always_dm,
  );
  await db.transaction(async (tx) => {
    for (const dm of plan.dms)
      await planSend(tx, {
        send_key: `dm:${day}:${dm.owner}:${dm.account_id}`,
        recipient: dm.owner,
        day,
        alert_ids: dm.alert_ids,
      });
    await setAlertDelivery(
      tx,
      plan.dms.flatMap((d) => d.alert_ids),
      'dm',
    );
    await setAlertDelivery(tx, plan.digest, 'digest');
  });
  return { dms: plan.dms.length, held: plan.digest.length };
}

/** Sends the planned DMs of the last two days that no one has sent: each claimed, posted, then recorded. */
export async function sendAlertDms(
  db: Db,
  notifier: AlertNotifier,
  day: string,
  now: string,
  logger: Logger,
): Promise<number> {
  let sent = 0;
  for (const dm of await unsentDms(db)) {
    if (dm.day < addDays(day, -1)) continue;
    if (!(await claimSend(db, { ...dm, kind: 'dm' }, now, staleBefore(now)))) continue;
    // Only alerts still waiting for this owner: one that moved to another book is told to its new owner.
    const alerts = (await alertsById(db, dm.alert_ids)).filter(
      (a) => (a.state === 'new' || a.state === 'open') && a.owner === dm.recipient,
    );
    const user = await findUser(db, dm.recipient);
    if (alerts.length === 0 || !user?.slack_id) {
      if (alerts.length > 0)
        logger.warn({ owner: dm.recipient }, 'alert owner has no Slack id: the alert waits in cse alerts');
      await markSent(db, dm.send_key, NOTHING_POSTED, now);
      continue;
    }
    const ok = await postClaimed(
      db,
      { key: dm.send_key, what: 'alert DM', logged: { send: dm.send_key } },
      now,
      logger,
      async () =>
        notifier.alertDm(
          user,
          alerts,
          await accountEngagement({ db }, day, alerts[0]?.account_id as string),
          { day, now },
        ),
      (posted) =>
        recordDelivered(
          db,
          alerts.map((a) => a.alert_id),
          posted,
          now,
        ),
    );
    if (ok) sent++;
  }
  return sent;
}

/**
 * Escalates, once and in the DM's thread, each alert of an escalating severity still
 * unacknowledged after its rule's window.
 */
export async function escalateDue(
  db: Db,
  notifier: AlertNotifier,
  now: string,
  logger: Logger,
): Promise<number> {
  const rules = alertRules().rules;
  let escalated = 0;
  for (const alert of await unacknowledgedNotified(db, alertDelivery().escalate_severities)) {
    const hours = rules[alert.rule as AlertRuleId]?.escalate_after_hours ?? 0;
    if (hours === 0 || !alert.notified_at || !alert.dm_ts) continue;
    if (Date.parse(alert.notified_at) + hours * 3_600_000 > Date.parse(now)) continue;
    const key = `escalation:${alert.alert_id}`;
    const { leader } = await teamOf(db, alert.owner);
    if (
      !(await claimSend(
        db,
        {
          send_key: key,
          kind: 'escalation',
          recipient: leader?.user_id ?? 'leaders',
          day: now.slice(0, 10),
          alert_ids: [alert.alert_id],
        },
        now,
        staleBefore(now),
      ))
    )
      continue;
    const ok = await postClaimed(
      db,
      { key, what: 'escalation', logged: { alert: alert.alert_id } },
      now,
      logger,
      () => notifier.escalation(alert, leader, { day: now.slice(0, 10), now }),
      () => recordEscalated(db, alert.alert_id, now),
    );
    if (ok) escalated++;
  }
  return escalated;
}
