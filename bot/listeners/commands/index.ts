import type { App } from '@slack/bolt';
import { answerQuestion, responseOutbox, type SlackDeps } from '../../answer-flow.ts';
import { CHANNEL_LINK, linkFromCommand } from '../../channel-links.ts';

/**
 * `/cs <question>`: acknowledged at once, answered through the response_url (only the asker sees
 * it). Everything goes through the router, `/cs feedback Acme: <text>` included (it logs feedback,
 * as the same words do in a mention or `cse ask`), and `/cs link channel Acme` (this channel).
 */
export function register(app: App, deps: SlackDeps): void {
  app.command('/cs', async ({ command, ack, respond, client }) => {
    const text = command.text.trim() || 'help';
    await ack();
    const outbox = responseOutbox(respond as (m: Record<string, unknown>) => Promise<unknown>);
    if (CHANNEL_LINK.test(text)) {
      await linkFromCommand(deps, client, { ...command, text }, outbox);
      return;
    }
    await answerQuestion(
      deps,
      client,
      { slackUserId: command.user_id, channel: command.channel_id, text },
      outbox,
    );
  });
}
