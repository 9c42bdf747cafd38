import type { App } from '@slack/bolt';
import type { LogFeedbackData } from '../../../commands/log-feedback/command.ts';
import { type AnswerOf, run } from '../../../commands/router.ts';
import { ErrorCode, formatError, toCseError } from '../../../core/errors.ts';
import { FEEDBACK_SOURCES } from '../../../store/import/kinds.ts';
import { auditUnknownUser, type SlackDeps, slackContext } from '../../answer-flow.ts';
import { answerMessage } from '../../render/answer-message.ts';
import { FEEDBACK_MODAL } from '../../render/feedback-modal.ts';
import { feedbackIdOfMessage, loggedWords } from '../../render/feedback-notice.ts';
import { ROADMAP_MODAL, type RoadmapModalMeta } from '../../render/roadmap-modal.ts';
import { textMessage } from '../../render/slack-limits.ts';
import { slackActor } from '../../slack-actor.ts';
import { postCustomerDrafts } from '../customer-drafts.ts';

type Source = (typeof FEEDBACK_SOURCES)[number];

const FIELD_LIMIT = 150;

/**
 * The feedback modal's submission. Who submitted is settled first (an unknown user learns
 * nothing about accounts); then log_feedback runs through the router, which resolves the account,
 * authorises and audits; its errors go back onto the modal's fields before it closes.
 */
type Submission = Parameters<Parameters<App['view']>[1]>[0];

/**
 * Who submitted a modal, settled before anything else: an unknown user is audited and told on
 * the modal's first field (`block`), and learns nothing about accounts. Null when refused.
 */
async function submitter(
  deps: SlackDeps,
  { ack, body, client }: Pick<Submission, 'ack' | 'body' | 'client'>,
  intent: string,
  block: string,
) {
  const actor = await slackActor(deps.db, client, body.user.id, deps.logger);
  if (actor) return actor;
  await auditUnknownUser(deps, body.user.id, { intent });
  await ack({
    response_action: 'errors',
    errors: { [block]: 'You are not on the team yet: ask a cs-engine admin to add you.' },
  });
  return null;
}

export function register(app: App, deps: SlackDeps): void {
  registerRoadmapModal(app, deps);
  app.view(FEEDBACK_MODAL.callbackId, async ({ ack, view, body, client }) => {
    const values = view.state.values;
    const account =
      values[FEEDBACK_MODAL.account.block]?.[FEEDBACK_MODAL.account.action]?.value?.trim() ?? '';
    const text = values[FEEDBACK_MODAL.text.block]?.[FEEDBACK_MODAL.text.action]?.value?.trim() ?? '';
    const chosen =
      values[FEEDBACK_MODAL.source.block]?.[FEEDBACK_MODAL.source.action]?.selected_option?.value;
    const source: Source = (FEEDBACK_SOURCES as readonly string[]).includes(chosen ?? '')
      ? (chosen as Source)
      : 'slack';
    const actor = await submitter(deps, { ack, body, client }, 'log_feedback', FEEDBACK_MODAL.account.block);
    if (!actor) return;
    if (!text) {
      await ack({
        response_action: 'errors',
        errors: { [FEEDBACK_MODAL.text.block]: 'Write what the customer said' },
      });
      return;
    }
    const meta = JSON.parse(view.private_metadata || '{}') as {
      channel?: string | null;
      message_ts?: string | null;
    };
    const channel = meta.channel ?? undefined;
    const ctx = slackContext(deps, actor, channel);
    let logged: LogFeedbackData;
    try {
      logged = (
        await run(ctx, 'log_feedback', {
          account,
          text,
          source,
          ...(meta.message_ts && channel
            ? { external_id: feedbackIdOfMessage(channel, meta.message_ts) }
            : {}),
        })
      ).data;
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: { [FEEDBACK_MODAL.account.block]: formatError(toCseError(error)).slice(0, FIELD_LIMIT) },
      });
      return;
    }
    await ack();
    const message = textMessage(loggedWords(logged), ':inbox_tray:');
    if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, ...message });
    else await client.chat.postMessage({ channel: body.user.id, ...message });
  });
}

/**
 * The Link to roadmap modal's submission: link_roadmap through the router (which re-checks the
 * request named in the modal's metadata, authorises and audits); its errors go back onto the
 * modal. After a link that ships the item, the release-note drafts follow, one per account asking.
 */
function registerRoadmapModal(app: App, deps: SlackDeps): void {
  app.view(ROADMAP_MODAL.callbackId, async ({ ack, view, body, client }) => {
    const values = view.state.values;
    const key = values[ROADMAP_MODAL.key.block]?.[ROADMAP_MODAL.key.action]?.value?.trim() ?? '';
    const status = values[ROADMAP_MODAL.status.block]?.[ROADMAP_MODAL.status.action]?.selected_option?.value;
    const title = values[ROADMAP_MODAL.title.block]?.[ROADMAP_MODAL.title.action]?.value?.trim();
    const meta = JSON.parse(view.private_metadata || '{}') as Partial<RoadmapModalMeta>;
    const actor = await submitter(deps, { ack, body, client }, 'link_roadmap', ROADMAP_MODAL.key.block);
    if (!actor) return;
    const channel = meta.channel ?? undefined;
    const ctx = slackContext(deps, actor, channel);
    let answer: AnswerOf<'link_roadmap'>;
    try {
      answer = (await run(ctx, 'link_roadmap', {
        feedback_id: meta.feedback_id ?? '',
        roadmap: key,
        ...(status ? { status } : {}),
        ...(title ? { title } : {}),
      })) as AnswerOf<'link_roadmap'>;
    } catch (error) {
      const e = toCseError(error);
      // A refusal of the status (it would move the item for every account) is said on the status field.
      const field =
        status && e.code === ErrorCode.Forbidden ? ROADMAP_MODAL.status.block : ROADMAP_MODAL.key.block;
      await ack({ response_action: 'errors', errors: { [field]: formatError(e).slice(0, FIELD_LIMIT) } });
      return;
    }
    await ack();
    const outbox = {
      post: (message: ReturnType<typeof textMessage>) =>
        channel
          ? client.chat.postEphemeral({ channel, user: body.user.id, ...message })
          : client.chat.postMessage({ channel: body.user.id, ...message }),
    };
    await outbox.post(answerMessage(answer));
    const { item, change } = answer.data;
    if (change?.to === 'shipped') await postCustomerDrafts(ctx, 'release_note', item.accounts, outbox);
  });
}
