import { webApi } from '@slack/bolt';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import { assignee, findUser, teamOf } from '../facts/team.ts';
import type { FeedbackNotifier } from '../jobs/feedback-worker.ts';
import {
  claimEscalation,
  type FeedbackNotice,
  feedbackNotice,
  recordNotified,
} from '../records/feedback-notices.ts';
import type { Db } from '../store/db.ts';
import {
  duplicateNoticeMessage,
  escalationMessage,
  feedbackNoticeMessage,
} from './render/feedback-notice.ts';

/**
 * Slack notifications of the feedback loop: a new request goes to its owner's channel
 * (FEEDBACK_SLACK_ROUTES, e.g. {"product":"C0PRODUCT","support":"C0SUPPORT","default":"C0VOC"}) or,
 * for CSM-owned themes, to the account's CSM; a duplicate is posted in the request's thread; an
 * SLA breach is escalated in the same thread (to `escalation` in the routes, else the first CS
 * leader). Null when Slack is not configured.
 */
export function slackFeedbackNotifier(
  rt: { db: Db; config: Config; logger: Logger },
  client?: webApi.WebClient,
): FeedbackNotifier | null {
  if (!rt.config.SLACK_BOT_TOKEN) return null;
  const web =
    client ?? new webApi.WebClient(rt.config.SLACK_BOT_TOKEN, { slackApiUrl: rt.config.SLACK_API_URL });
  const routes = rt.config.FEEDBACK_SLACK_ROUTES ?? {};

  async function destination(n: FeedbackNotice): Promise<string | null> {
    const owner = n.reassigned_to ?? n.owner ?? 'default';
    if (routes[owner]) return routes[owner] ?? null;
    if (owner === 'csm' && n.csm) {
      const csm = await findUser(rt.db, n.csm);
      if (csm?.slack_id) return csm.slack_id;
    }
    return routes.default ?? null;
  }

  async function escalateTo(csm: string | null): Promise<string> {
    if (routes.escalation) return `<#${routes.escalation}>`;
    const { leader } = await teamOf(rt.db, csm);
    return leader?.slack_id ? `<@${leader.slack_id}>` : assignee(leader, 'CS leadership');
  }

  return {
    async routed(feedbackId) {
      const n = await feedbackNotice(rt.db, feedbackId);
      if (!n) return;
      if (n.canonical_id) {
        const canonical = await feedbackNotice(rt.db, n.canonical_id);
        if (canonical?.slack)
          await web.chat.postMessage({
            channel: canonical.slack.channel,
            thread_ts: canonical.slack.ts,
            ...duplicateNoticeMessage(n),
          });
        return;
      }
      const channel = await destination(n);
      if (!channel) {
        rt.logger.warn(
          { feedbackId, owner: n.owner },
          'no Slack destination for this owner: set FEEDBACK_SLACK_ROUTES',
        );
        return;
      }
      const posted = await web.chat.postMessage({ channel, ...feedbackNoticeMessage(n) });
      if (posted.ts)
        await recordNotified(rt.db, feedbackId, { channel: posted.channel ?? channel, ts: posted.ts });
    },
    async slaDue(feedbackId) {
      const n = await feedbackNotice(rt.db, feedbackId);
      if (!n?.slack || n.canonical_id) return;
      if (!(await claimEscalation(rt.db, feedbackId))) return;
      await web.chat.postMessage({
        channel: n.slack.channel,
        thread_ts: n.slack.ts,
        reply_broadcast: true,
        ...escalationMessage(n, await escalateTo(n.csm)),
      });
    },
  };
}
