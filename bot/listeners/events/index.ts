import type { App } from '@slack/bolt';
import { bookHome } from '../../../commands/book-home';
import { claimSlackDelivery } from '../../../store/repositories/slack-deliveries';
import { answerQuestion, channelOutbox, type SlackDeps, slackContext } from '../../answer-flow';
import { unknownUserMessage } from '../../render/error-message';
import { homeView } from '../../render/home-view';
import { slackActor } from '../../slack-actor';

/**
 * Claims an Events API delivery by its event id. Slack retries (X-Slack-Retry-Num) carry the same
 * id, so a retry — even one that reaches another process — never produces a second answer.
 */
async function firstDelivery(
  deps: SlackDeps,
  body: { event_id?: string },
  retryNum: unknown,
): Promise<boolean> {
  if (!body.event_id) return true;
  let first: boolean;
  try {
    first = await claimSlackDelivery(deps.db, `event:${body.event_id}`);
  } catch (error) {
    // No store to claim in: answer anyway (the answer says the database is unavailable).
    deps.logger.warn({ err: (error as Error).message }, 'could not claim a Slack delivery');
    return true;
  }
  if (!first)
    deps.logger.info(
      { eventId: body.event_id, retryNum },
      'Slack retry of an event already answered; ignored',
    );
  return first;
}

/** "<@U0BOT> score Acme" → "score Acme": the question without the mention that addressed the bot. */
export const withoutLeadingMentions = (text: string) =>
  text.replace(/^(?:\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+/, '').trim();

/** Mentions in channels (answered in the thread), direct messages, and the App Home tab. */
export function register(app: App, deps: SlackDeps): void {
  app.event('app_mention', async ({ event, body, client, context }) => {
    if (!(await firstDelivery(deps, body, context.retryNum))) return;
    if (!event.user) return;
    await answerQuestion(
      deps,
      client,
      { slackUserId: event.user, channel: event.channel, text: withoutLeadingMentions(event.text) },
      channelOutbox(client, event.channel, event.thread_ts ?? event.ts),
    );
  });

  app.event('message', async ({ event, body, client, context }) => {
    // Direct messages only, from people (not edits, joins or bots); channel messages need a mention.
    if (event.channel_type !== 'im' || event.subtype !== undefined || !('user' in event) || !event.user)
      return;
    if (!(await firstDelivery(deps, body, context.retryNum))) return;
    await answerQuestion(
      deps,
      client,
      { slackUserId: event.user, channel: event.channel, text: event.text ?? '' },
      channelOutbox(client, event.channel, event.thread_ts),
    );
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const actor = await slackActor(deps.db, client, event.user, deps.logger);
    const view = actor
      ? homeView(await bookHome(slackContext(deps, actor, undefined)), actor.user?.name ?? 'Your')
      : { type: 'home' as const, blocks: unknownUserMessage(event.user).blocks };
    await client.views.publish({ user_id: event.user, view });
  });
}
