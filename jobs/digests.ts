import type { Logger } from '../core/logger.ts';
import { listUsers, type TeamUser } from '../facts/team.ts';
import { alertDelivery } from '../knowledge/alert-rules.ts';
import { claimSend, recordDigested } from '../records/alerts.ts';
import { runFinished } from '../records/runs.ts';
import { setUserTimeZone } from '../records/team.ts';
import type { Db } from '../store/db.ts';
import { localDateHour } from '../tools/dates/local-time.ts';
import { postClaimed, staleBefore } from './alert-delivery.ts';
import type { AlertNotifier } from './alert-notifier.ts';

/** A user's Slack time zone: stored, else asked of Slack once and stored; null (UTC) when Slack does not say. */
export async function userTimeZone(db: Db, notifier: AlertNotifier, user: TeamUser): Promise<string | null> {
  if (user.tz) return user.tz;
  const tz = await notifier.timeZone(user).catch(() => null);
  if (tz) await setUserTimeZone(db, user.user_id, tz);
  return tz;
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
    let shown: string[] = [];
    const ok = await postClaimed(
      db,
      { key, what: 'digest', logged: { user: user.user_id } },
      now,
      logger,
      async () => {
        const { posted, held_back } = await notifier.digest(user, { day, now });
        shown = held_back;
        return posted;
      },
      () => recordDigested(db, shown, day),
    );
    if (ok) sent++;
  }
  return sent;
}
