import type { App } from '@slack/bolt';
import { resolveAccount } from '../../../commands/resolve-account';
import { formatError } from '../../../core/errors';
import { FEEDBACK_SOURCES } from '../../../store/import/kinds';
import type { SlackDeps } from '../../answer-flow';
import { logFeedbackFromSlack } from '../../log-feedback';
import { FEEDBACK_MODAL } from '../../render/feedback-modal';

type Source = (typeof FEEDBACK_SOURCES)[number];

/** The feedback modal's submission: the account is checked before the modal closes. */
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
    try {
      await resolveAccount(deps.db, account);
    } catch (error) {
      await ack({
        response_action: 'errors',
        errors: { [FEEDBACK_MODAL.account.block]: formatError(error).slice(0, 150) },
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
    await ack();
    const meta = JSON.parse(view.private_metadata || '{}') as {
      channel?: string | null;
      message_ts?: string | null;
    };
    const channel = meta.channel ?? undefined;
    const outbox = {
      async post(message: { text: string; blocks: unknown[] }) {
        if (channel)
          await client.chat.postEphemeral({
            channel,
            user: body.user.id,
            text: message.text,
            blocks: message.blocks as never,
          });
        else
          await client.chat.postMessage({
            channel: body.user.id,
            text: message.text,
            blocks: message.blocks as never,
          });
        return async () => undefined;
      },
    };
    await logFeedbackFromSlack(
      deps,
      client,
      { slackUserId: body.user.id, channel },
      {
        account,
        text,
        source,
        ...(meta.message_ts && channel ? { external_id: `msg-${channel}-${meta.message_ts}` } : {}),
      },
      outbox,
    );
  });
}
