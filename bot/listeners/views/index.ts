import type { App } from '@slack/bolt';
import type { LogFeedbackData } from '../../../commands/log-feedback/command.ts';
import { run } from '../../../commands/router.ts';
import { formatError, toCseError } from '../../../core/errors.ts';
import { FEEDBACK_SOURCES } from '../../../store/import/kinds.ts';
import { auditUnknownUser, type SlackDeps, slackContext } from '../../answer-flow.ts';
import { FEEDBACK_MODAL } from '../../render/feedback-modal.ts';
import { textMessage } from '../../render/slack-limits.ts';
import { slackActor } from '../../slack-actor.ts';

type Source = (typeof FEEDBACK_SOURCES)[number];

const FIELD_LIMIT = 150;

/**
 * The feedback modal's submission. Who submitted is settled first (an unknown user learns
 * nothing about accounts); then log_feedback runs through the router, which resolves the account,
 * authorises and audits; its errors go back onto the modal's fields before it closes.
 */
export function register(app: App, deps: SlackDeps): void {
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
    const actor = await slackActor(deps.db, client, body.user.id, deps.logger);
    if (!actor) {
      await auditUnknownUser(deps, body.user.id, { intent: 'log_feedback' });
      await ack({
        response_action: 'errors',
        errors: {
          [FEEDBACK_MODAL.account.block]: 'You are not on the team yet: ask a cs-engine admin to add you.',
        },
      });
      return;
    }
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
          ...(meta.message_ts && channel ? { external_id: `msg-${channel}-${meta.message_ts}` } : {}),
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
    const said =
      logged.status === 'accepted'
        ? `Logged feedback for ${logged.account_name} as ${logged.feedback_id}: it will be checked for duplicates, tagged and routed to its owner with an SLA.`
        : `That feedback for ${logged.account_name} is already logged (${logged.feedback_id}).`;
    const message = textMessage(said, ':inbox_tray:');
    if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, ...message });
    else await client.chat.postMessage({ channel: body.user.id, ...message });
  });
}
