import { webApi } from '@slack/bolt';
import { type CommandContext, teamActor } from '../commands/context.ts';
import { run } from '../commands/router.ts';
import { addDays } from '../core/calendar.ts';
import type { Config } from '../core/config.ts';
import { CseError, ErrorCode } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { TeamUser } from '../facts/team.ts';
import type { AlertNotifier, SendTime } from '../jobs/alert-notifier.ts';
import { type AlertRuleId, alertRules } from '../knowledge/alert-rules.ts';
import type { StoredAlert } from '../records/alerts.ts';
import type { Db } from '../store/db.ts';
import { digestIsEmpty } from '../tools/alerts/daily-digest.ts';
import {
  alertDmMessage,
  alertEscalationMessage,
  digestMessage,
  type LeaderDigest,
  leaderDigestMessage,
} from './render/alert-message.ts';
import { roadmapChangeMessage } from './render/roadmap-message.ts';

const labelOf = (rule: string) => alertRules().rules[rule as AlertRuleId]?.label ?? rule;

/** A refusal by the router is an answer for the scheduler (nothing is sent); other errors are not. */
async function refusedAsNull<T>(answer: Promise<T>): Promise<T | null> {
  try {
    return await answer;
  } catch (error) {
    if (error instanceof CseError && error.code === ErrorCode.Forbidden) return null;
    throw error;
  }
}

type Runtime = { db: Db; config: Config; logger: Logger };
type Web = webApi.WebClient;

const posted = (r: { channel?: string; ts?: string }, channel: string) => ({
  channel: r.channel ?? channel,
  ts: r.ts ?? '',
});

/** The scheduler asking the router as the person a message goes to. */
const asRecipient = (rt: Runtime, user: TeamUser, when: SendTime): CommandContext => ({
  db: rt.db,
  config: rt.config,
  logger: rt.logger,
  actor: teamActor(user),
  today: when.day,
  now: when.now,
  surface: 'scheduler',
});

/** The alerts `user` may read among these (none when the router refuses them: it is audited). */
async function readableAlerts(rt: Runtime, user: TeamUser, alerts: readonly StoredAlert[], when: SendTime) {
  const answer = await refusedAsNull(
    run(asRecipient(rt, user, when), 'alerts', { alert_ids: alerts.map((a) => a.alert_id), state: 'all' }),
  );
  const ids = new Set(answer?.data.alerts.map((a) => a.alert_id) ?? []);
  return alerts.filter((a) => ids.has(a.alert_id));
}

/** An escalation in the DM's thread, and to the leader (only of an account they may read). */
async function escalate(
  web: Web,
  rt: Runtime,
  alert: StoredAlert,
  leader: TeamUser | null,
  when: SendTime,
): Promise<{ channel: string; ts: string }> {
  const hours = alertRules().rules[alert.rule as AlertRuleId]?.escalate_after_hours ?? 0;
  // The leader is told only of an account they may read; the CSM's thread gets the note either way.
  const toLeader = leader?.slack_id && (await readableAlerts(rt, leader, [alert], when)).length > 0;
  const mention = toLeader ? `<@${leader?.slack_id}>` : 'CS leadership';
  const message = alertEscalationMessage(alert, mention, hours);
  const channel = alert.dm_channel as string;
  const reply = await web.chat.postMessage({ channel, thread_ts: alert.dm_ts as string, ...message });
  // The leader is not in the CSM's DM: they get the same words in their own.
  if (toLeader) await web.chat.postMessage({ channel: leader?.slack_id as string, ...message });
  return posted(reply, channel);
}

/** A roadmap change to the channel of its owner (FEEDBACK_SLACK_ROUTES), or a warning without one. */
async function announceRoadmapChange(
  web: Web,
  rt: Runtime,
  change: Parameters<AlertNotifier['roadmapChange']>[0],
) {
  const routes = rt.config.FEEDBACK_SLACK_ROUTES ?? {};
  const channel = routes[change.owner ?? 'default'] ?? routes.default;
  if (!channel) {
    rt.logger.warn(
      { roadmap: change.roadmap_key, owner: change.owner },
      'no Slack channel for this roadmap owner: set FEEDBACK_SLACK_ROUTES',
    );
    return null;
  }
  return posted(await web.chat.postMessage({ channel, ...roadmapChangeMessage(change) }), channel);
}

/**
 * The scheduler's Slack side: alert DMs with their buttons, escalations in the DM's thread, digests
 * and the users' time zones. Null when Slack is not configured.
 */
/** The team's renewal forecast for the quarter, and the same quarter's as of a week before (when its history allows). */
async function teamForecast(ctx: CommandContext, day: string): Promise<LeaderDigest['forecast']> {
  const now = await run(ctx, 'renewal_forecast', { scope: 'team', as_of: day });
  if (now.intent !== 'renewal_forecast') return undefined;
  const { from, to } = now.data.period;
  const weekAgo = await refusedAsNull(
    run(ctx, 'renewal_forecast', { scope: 'team', as_of: addDays(day, -7), from, to }),
  );
  return { now, weekAgo };
}

export function slackAlertNotifier(rt: Runtime, client?: Web): AlertNotifier | null {
  if (!rt.config.SLACK_BOT_TOKEN) return null;
  const web =
    client ?? new webApi.WebClient(rt.config.SLACK_BOT_TOKEN, { slackApiUrl: rt.config.SLACK_API_URL });
  return {
    async alertDm(to, alerts, engagement, when) {
      const readable = await readableAlerts(rt, to, alerts, when);
      if (readable.length === 0) return null;
      const channel = to.slack_id as string;
      return posted(
        await web.chat.postMessage({ channel, ...alertDmMessage(readable, labelOf, engagement) }),
        channel,
      );
    },
    escalation: (alert, leader, when) => escalate(web, rt, alert, leader, when),
    async digest(to, when) {
      const answer = await refusedAsNull(run(asRecipient(rt, to, when), 'daily_digest', { as_of: when.day }));
      if (!answer || digestIsEmpty(answer.data)) return { posted: null, held_back: [] };
      const channel = to.slack_id as string;
      return {
        posted: posted(await web.chat.postMessage({ channel, ...digestMessage(answer.data) }), channel),
        held_back: answer.data.held_back.map((a) => a.alert_id),
      };
    },
    async leaderDigest(to, week) {
      const channel = 'channel' in to ? to.channel : (to.user.slack_id as string);
      const ctx = asRecipient(rt, week.leader, week);
      const digest: LeaderDigest = {
        ...week,
        alerts: await run(ctx, 'alerts', { scope: 'team', state: 'open', limit: 1 }),
        review: await run(ctx, 'portfolio_review', { scope: 'team' }),
        requests: await run(ctx, 'top_requests', { limit: 5 }),
        forecast: await teamForecast(ctx, week.day),
      };
      return posted(await web.chat.postMessage({ channel, ...leaderDigestMessage(digest) }), channel);
    },
    roadmapChange: (change) => announceRoadmapChange(web, rt, change),
    async timeZone(user) {
      if (!user.slack_id) return null;
      const info = await web.users.info({ user: user.slack_id });
      return (info.user as { tz?: string } | undefined)?.tz ?? null;
    },
  };
}
