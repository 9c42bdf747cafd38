import type { App, MessageShortcut } from '@slack/bolt';
import { findChannel } from '../../../facts/signals.ts';
import type { SlackDeps } from '../../answer-flow.ts';
import { feedbackModal } from '../../render/feedback-modal.ts';

/** The message shortcut "Log as customer feedback": opens the modal with the message (and a linked channel's account) prefilled. */
export function register(app: App, deps: SlackDeps): void {
  app.shortcut<MessageShortcut>('log_feedback', async ({ ack, shortcut, client }) => {
    await ack();
    const message = shortcut.message as { text?: string; ts?: string };
    const channel = shortcut.channel?.id ?? null;
    // In a linked customer channel the account is filled in (its id: the router still checks access on submit).
    const linked = channel ? await findChannel(deps.db, channel).catch(() => null) : null;
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: feedbackModal(
        message.text ?? '',
        { channel, message_ts: message.ts ?? null },
        linked?.account_id ?? null,
      ),
    });
  });
}
