import { webApi } from '@slack/bolt';
import { type CommandContext, teamActor } from '../commands/context.ts';
import { run } from '../commands/router.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import type { AlertNotifier } from '../jobs/alert-notifier.ts';
import { type AlertRuleId, alertRules } from '../knowledge/alert-rules.ts';
import type { Db } from '../store/db.ts';
import {
  alertDmMessage,
  alertEscalationMessage,
  digestMessage,
  type LeaderDigest,
  leaderDigestMessage,
} from './render/alert-message.ts';
import { roadmapChangeMessage } from './render/roadmap-message.ts';

const labelOf = (rule: string) => alertRules().rules[rule as AlertRuleId]?.label ?? rule;

/**
 * The scheduler's Slack side: alert DMs with their buttons, escalations in the DM's thread, digests
 * and the users' time zones. Null when Slack is not configured.
 */
export function slackAlertNotifier(
  rt: { db: Db; config: Config; logger: Logger },
  client?: webApi.WebClient,
): AlertNotifier | null {
  if (!rt.config.SLACK_BOT_TOKEN) return null;
  const web =
    client ?? new webApi.WebClient(rt.config.SLACK_BOT_TOKEN, { slackApiUrl: rt.config.SLACK_API_URL });
  const posted = (r: { channel?: string; ts?: string }, channel: string) => ({
    channel: r.channel ?? channel,
    ts: r.ts ?? '',
  });
  return {
    async alertDm(to, alerts, engagement) {
      const channel = to.slack_id as string;
      return posted(
        await web.chat.postMessage({ channel, ...alertDmMessage(alerts, labelOf, engagement ?? null) }),
        channel,
      );
    },
    async escalation(alert, leader) {
      const hours = alertRules().rules[alert.rule as AlertRuleId]?.escalate_after_hours ?? 0;
      const mention = leader?.slack_id ? `<@${leader.slack_id}>` : 'CS leadership';
      const message = alertEscalationMessage(alert, mention, hours);
      const channel = alert.dm_channel as string;
      const reply = await web.chat.postMessage({ channel, thread_ts: alert.dm_ts as string, ...message });
      // The leader is not in the CSM's DM: they get the same words in their own.
      if (leader?.slack_id) await web.chat.postMessage({ channel: leader.slack_id, ...message });
      return posted(reply, channel);
    },
    async digest(to, digest) {
      const channel = to.slack_id as string;
      return posted(await web.chat.postMessage({ channel, ...digestMessage(digest) }), channel);
    },
    async leaderDigest(to, week) {
      const channel = 'channel' in to ? to.channel : (to.user.slack_id as string);
      const ctx: CommandContext = {
        db: rt.db,
        config: rt.config,
        logger: rt.logger,
        actor: teamActor(week.leader),
        today: week.day,
        now: week.now,
        surface: 'scheduler',
      };
      const digest: LeaderDigest = {
        ...week,
        review: await run(ctx, 'portfolio_review', { scope: 'team' }),
        requests: await run(ctx, 'top_requests', { limit: 5 }),
      };
      return posted(await web.chat.postMessage({ channel, ...leaderDigestMessage(digest) }), channel);
    },
    async roadmapChange(change) {
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
    },
    async timeZone(user) {
      if (!user.slack_id) return null;
      const info = await web.users.info({ user: user.slack_id });
      return (info.user as { tz?: string } | undefined)?.tz ?? null;
    },
  };
}
