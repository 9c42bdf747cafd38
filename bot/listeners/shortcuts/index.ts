import type { App, MessageShortcut } from '@slack/bolt';
import type { SlackDeps } from '../../answer-flow.ts';
import { feedbackModal } from '../../render/feedback-modal.ts';

/** The message shortcut "Log as customer feedback": opens the modal with the message prefilled. */
export function register(app: App, _deps: SlackDeps): void {
  app.shortcut<MessageShortcut>('log_feedback', async ({ ack, shortcut, client }) => {
    await ack();
    const message = shortcut.message as { text?: string; ts?: string };
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: feedbackModal(message.text ?? '', {
        channel: shortcut.channel?.id ?? null,
        message_ts: message.ts ?? null,
      }),
    });
  });
}
