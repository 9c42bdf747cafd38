import type { App } from '@slack/bolt';
import { answerQuestion, responseOutbox, type SlackDeps } from '../../answer-flow';
import { logFeedbackFromSlack, parseFeedbackCommand } from '../../log-feedback';

/**
 * `/cs <question>`: acknowledged at once, answered through the response_url (only the asker sees
 * it). `/cs feedback Acme: <text>` logs customer feedback instead.
 */
export function register(app: App, deps: SlackDeps): void {
  app.command('/cs', async ({ command, ack, respond, client }) => {
    const text = command.text.trim() || 'help';
    await ack();
    const feedback = parseFeedbackCommand(text);
    if (feedback) {
      await logFeedbackFromSlack(
        deps,
        client,
        { slackUserId: command.user_id, channel: command.channel_id },
        {
          account: feedback.account,
          text: feedback.text,
          source: 'slack',
          external_id: `cmd-${command.trigger_id}`,
        },
        responseOutbox(respond as (m: Record<string, unknown>) => Promise<unknown>),
      );
      return;
    }
    await answerQuestion(
      deps,
      client,
      { slackUserId: command.user_id, channel: command.channel_id, text },
      responseOutbox(respond as (m: Record<string, unknown>) => Promise<unknown>),
    );
  });
}
