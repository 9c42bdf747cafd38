import { isoWeekday } from '../core/calendar.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import { listUsers, type TeamUser } from '../facts/team.ts';
import { alertDelivery } from '../knowledge/alert-rules.ts';
import { claimSend } from '../records/alerts.ts';
import { runFinished } from '../records/runs.ts';
import type { Db } from '../store/db.ts';
import { weekOf } from '../tools/alerts/alert-budget.ts';
import { localDateHour } from '../tools/dates/local-time.ts';
import { postClaimed, staleBefore } from './alert-delivery.ts';
import type { AlertNotifier } from './alert-notifier.ts';
import { userTimeZone } from './digests.ts';

/**
 * What the scheduler knows of a leader's week. The notifier (a transport) builds the dashboard by
 * running `alerts` (open alerts per CSM), `portfolio_review` and `top_requests` as that leader
 * through the router, so the digest shows exactly what the leader may see.
 */
export interface LeaderWeek {
  week: string;
  /** The day the digest is for, and the moment it is sent. */
  day: string;
  now: string;
  /** The leader the dashboard is authorised as (the first leader, for a channel digest). */
  leader: TeamUser;
}

/**
 * Leaders' weekly digest: on the configured weekday, at the digest hour of the leader's time zone,
 * once that day's alerts have run — the playbook's weekly dashboard (portfolio_review, authorised
 * as the leader) plus the open alerts per CSM. One per leader and week, or one to the configured
 * channel; `forceDay` (cse tick) sends that week's now, whatever the day.
 */
export async function sendLeaderDigests(
  rt: { db: Db; config: Config; logger: Logger },
  notifier: AlertNotifier,
  now: string,
  forceDay?: string,
): Promise<number> {
  const settings = alertDelivery();
  const leaders = (await listUsers(rt.db)).filter((u) => u.role === 'leader' && u.slack_id);
  const recipients: { key: string; to: { user: TeamUser } | { channel: string }; as: TeamUser }[] = settings
    .leader_digest.channel
    ? leaders.slice(0, 1).map((l) => ({
        key: `channel:${settings.leader_digest.channel}`,
        to: { channel: settings.leader_digest.channel as string },
        as: l,
      }))
    : leaders.map((l) => ({ key: l.user_id, to: { user: l }, as: l }));
  let sent = 0;
  for (const r of recipients) {
    const local = localDateHour(
      now,
      forceDay ? (r.as.tz ?? null) : await userTimeZone(rt.db, notifier, r.as),
    );
    const day = forceDay ?? local.date;
    const weekday = isoWeekday(day);
    if (!forceDay && (weekday !== settings.leader_digest.weekday || local.hour < settings.digest_local_hour))
      continue;
    if (!forceDay && !(await runFinished(rt.db, 'alerts', day))) continue;
    const key = `leader_digest:${r.key}:${weekOf(day)}`;
    if (
      !(await claimSend(
        rt.db,
        { send_key: key, kind: 'leader_digest', recipient: r.key, day, alert_ids: [] },
        now,
        staleBefore(now),
      ))
    )
      continue;
    const ok = await postClaimed(
      rt.db,
      { key, what: 'leader digest', logged: { recipient: r.key } },
      now,
      rt.logger,
      () => notifier.leaderDigest(r.to, { week: weekOf(day), day, now, leader: r.as }),
    );
    if (ok) sent++;
  }
  return sent;
}
