import { addDays } from '../core/calendar.ts';
import type { Logger } from '../core/logger.ts';
import { type AlertRuleId, alertDelivery, alertRules } from '../knowledge/alert-rules.ts';
import type { Db } from '../store/db.ts';
import { renewalsBetween } from '../store/repositories/alert-accounts.ts';
import {
  alertsChangedOn,
  claimSend,
  dmsSent,
  heldForDigest,
  listAlerts,
  markSent,
  recordDigested,
  type StoredAlert,
} from '../store/repositories/alerts.ts';
import { runFinished } from '../store/repositories/scheduled-runs.ts';
import { csmKeys, listUsers, setUserTimeZone, type TeamUser } from '../store/repositories/users.ts';
import { weekOf } from '../tools/alerts/alert-budget.ts';
import {
  type DailyDigest,
  type DigestAlert,
  dailyDigest,
  digestIsEmpty,
} from '../tools/alerts/daily-digest.ts';
import { localDateHour } from '../tools/dates/local-time.ts';
import { postClaimed, staleBefore, weeklyBudget } from './alert-delivery.ts';
import type { AlertNotifier } from './alert-notifier.ts';

const line = (a: StoredAlert): DigestAlert => ({
  alert_id: a.alert_id,
  account_name: a.account_name,
  rule_label: alertRules().rules[a.rule as AlertRuleId]?.label ?? a.rule,
  severity: a.severity,
  state: a.state,
  reason: a.reason,
});

/** A user's Slack time zone: stored, else asked of Slack once and stored; null (UTC) when Slack does not say. */
export async function userTimeZone(db: Db, notifier: AlertNotifier, user: TeamUser): Promise<string | null> {
  if (user.tz) return user.tz;
  const tz = await notifier.timeZone(user).catch(() => null);
  if (tz) await setUserTimeZone(db, user.user_id, tz);
  return tz;
}

/** One CSM's digest for a day, from the store. */
export async function digestFor(db: Db, user: TeamUser, day: string): Promise<DailyDigest> {
  const keys = [user.user_id, ...csmKeys(user)];
  const [open, held, changed, renewals, sent] = await Promise.all([
    listAlerts(db, { keys, states: ['new', 'open', 'escalated'] }),
    heldForDigest(db, keys),
    alertsChangedOn(db, day, keys),
    renewalsBetween(db, csmKeys(user), day, addDays(day, 6)),
    dmsSent(db, weekOf(day), day),
  ]);
  return dailyDigest({
    day,
    open: open.map(line),
    heldBack: held.map(line),
    raisedToday: changed.filter((a) => a.raised_on === day).length,
    resolvedToday: changed.filter((a) => a.resolved_on === day).map(line),
    renewals: renewals.map((r) => ({ account_name: r.name, renewal_date: r.renewal_date })),
    budget: { sent_this_week: sent.get(user.user_id) ?? 0, weekly_cap: weeklyBudget(user.user_id) },
  });
}

/**
 * Daily digests: each CSM once per local day, at the digest hour of their Slack time zone, once
 * that day's alerts have run. `forceDay` (cse tick) sends the day's digests now, whatever the hour.
 * The send log's key (user, local day) makes a digest go out once across workers and restarts.
 */
export async function sendDigests(
  db: Db,
  notifier: AlertNotifier,
  now: string,
  logger: Logger,
  forceDay?: string,
): Promise<number> {
  const hour = alertDelivery().digest_local_hour;
  let sent = 0;
  for (const user of (await listUsers(db)).filter((u) => u.role === 'csm' && u.slack_id)) {
    const local = localDateHour(now, forceDay ? (user.tz ?? null) : await userTimeZone(db, notifier, user));
    const day = forceDay ?? local.date;
    if (!forceDay && (local.hour < hour || !(await runFinished(db, 'alerts', day)))) continue;
    const key = `digest:${user.user_id}:${day}`;
    if (
      !(await claimSend(
        db,
        { send_key: key, kind: 'digest', recipient: user.user_id, day, alert_ids: [] },
        now,
        staleBefore(now),
      ))
    )
      continue;
    const digest = await digestFor(db, user, day);
    if (digestIsEmpty(digest)) {
      await markSent(db, key, { channel: '', ts: '' }, now);
      continue;
    }
    const ok = await postClaimed(
      db,
      { key, what: 'digest', logged: { user: user.user_id } },
      now,
      logger,
      () => notifier.digest(user, digest),
      () =>
        recordDigested(
          db,
          digest.held_back.map((a) => a.alert_id),
          day,
        ),
    );
    if (ok) sent++;
  }
  return sent;
}
