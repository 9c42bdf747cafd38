import type { App } from '@slack/bolt';
import { actorReads } from '../../../commands/authorisation.ts';
import type { Actor, CommandContext } from '../../../commands/context.ts';
import { run } from '../../../commands/router.ts';
import { claimSlackDelivery, type SlackQuestion } from '../../../records/slack-deliveries.ts';
import type { SlackDeps } from '../../answer-flow.ts';
import { auditUnknownUser, slackContext } from '../../answer-flow.ts';
import { registerChannelJoins } from '../../channel-links.ts';
import { errorMessage, unknownUserMessage } from '../../render/error-message.ts';
import { homeView, plainHomeView, queueHomeView } from '../../render/home-view.ts';
import { slackActor } from '../../slack-actor.ts';
import { answerClaimed } from '../../slack-redrive.ts';
import { registerCustomerMessages, registerFeedbackReaction } from './customer-channels.ts';

/**
 * Answers one question from an event once: the delivery is claimed by its event id (Slack
 * retries carry the same id, so a retry, even one reaching another process, never produces a
 * second answer), answered, and only then marked done. A claim that never got its answer (the
 * process died) is answered by the re-drive (bot/slack-redrive.ts).
 */
async function answerOnce(
  deps: SlackDeps,
  client: Parameters<typeof answerClaimed>[1],
  body: { event_id?: string },
  retryNum: unknown,
  question: SlackQuestion,
): Promise<void> {
  const delivery = body.event_id ? `event:${body.event_id}` : null;
  let first = true;
  if (delivery) {
    try {
      first = await claimSlackDelivery(deps.db, delivery, question);
    } catch (error) {
      // No store to claim in: answer anyway (the answer says the database is unavailable).
      deps.logger.warn({ err: (error as Error).message }, 'could not claim a Slack delivery');
    }
  }
  if (!first) {
    deps.logger.info(
      { eventId: body.event_id, retryNum },
      'Slack retry of an event already answered; ignored',
    );
    return;
  }
  await answerClaimed(deps, client, delivery, question);
}

/** "<@U0BOT> score Acme" → "score Acme": the question without the mention that addressed the bot. */
export const withoutLeadingMentions = (text: string) =>
  text.replace(/^(?:\s*<@[A-Z0-9]+(?:\|[^>]*)?>[\s,:]*)+/, '').trim();

type HomeView = ReturnType<typeof homeView>;

/**
 * The App Home for one person, through the router like any question (authorised and audited): a
 * CSM's book or a leader's portfolio for those who read books, the feedback queue for support
 * (counts and items, no revenue), and what to ask for anyone else.
 */
async function homeFor(ctx: CommandContext, actor: Actor): Promise<HomeView> {
  const name = actor.user?.name ?? 'Your';
  try {
    if (actorReads(actor, 'book_reports')) {
      const answer = await run(ctx, 'book_home', {});
      return homeView(answer.data, name);
    }
    if (actorReads(actor, 'feedback_queue')) {
      const answer = await run(ctx, 'feedback_sla', {});
      return queueHomeView(answer.data, name);
    }
    return plainHomeView('Ask me with `/cs help` for what your role can see.');
  } catch (error) {
    return { type: 'home', blocks: errorMessage(error).blocks };
  }
}

/**
 * Mentions in channels (answered in the thread), direct messages, the App Home tab; messages and
 * the feedback reaction in linked customer channels, and the bot joining a channel.
 */
export function register(app: App, deps: SlackDeps): void {
  registerCustomerMessages(app, deps);
  registerFeedbackReaction(app, deps);
  registerChannelJoins(app, deps);
  app.event('app_mention', async ({ event, body, client, context }) => {
    if (!event.user) return;
    await answerOnce(deps, client, body, context.retryNum, {
      slackUserId: event.user,
      channel: event.channel,
      text: withoutLeadingMentions(event.text),
      threadTs: event.thread_ts ?? event.ts,
    });
  });

  app.event('message', async ({ event, body, client, context }) => {
    // Direct messages only, from people (not edits, joins or bots); channel messages need a mention.
    if (event.channel_type !== 'im' || event.subtype !== undefined || !('user' in event) || !event.user)
      return;
    await answerOnce(deps, client, body, context.retryNum, {
      slackUserId: event.user,
      channel: event.channel,
      text: event.text ?? '',
      ...(event.thread_ts ? { threadTs: event.thread_ts } : {}),
    });
  });

  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const actor = await slackActor(deps.db, client, event.user, deps.logger);
    if (!actor) await auditUnknownUser(deps, event.user, { intent: 'book_home' });
    const view = actor
      ? await homeFor(slackContext(deps, actor, undefined), actor)
      : { type: 'home' as const, blocks: unknownUserMessage(event.user).blocks };
    await client.views.publish({ user_id: event.user, view });
  });
}
