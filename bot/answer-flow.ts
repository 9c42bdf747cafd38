import type { webApi } from '@slack/bolt';
import type { Actor, CommandContext } from '../commands/context.ts';
import { type Answer, ask } from '../commands/router.ts';
import { type Clock, clockFields } from '../core/clock.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { LlmGateway } from '../llm/gateway.ts';
import { appendAudit } from '../records/audit.ts';
import type { Db } from '../store/db.ts';
import { answerMessage } from './render/answer-message.ts';
import { errorMessage, unknownUserMessage } from './render/error-message.ts';
import { escapeMrkdwn, messageProblems, mrkdwnMessage, type SlackMessage } from './render/slack-limits.ts';
import { slackActor } from './slack-actor.ts';

export interface SlackDeps {
  db: Db;
  config: Config;
  logger: Logger;
  llm: LlmGateway | null;
  /** The one clock: read once per question for its date and time. */
  clock: Clock;
  /** An answer slower than this first shows "Working on it…", then replaces it in place. 0 = always. */
  workingNoticeMs: number;
  /** Where logged feedback is queued for processing (null: stored only, processed by the next `cse worker`). */
  feedbackQueue?: JobQueue | null;
}

/** Replaces a posted message in place. */
export type UpdateMessage = (message: SlackMessage) => Promise<void>;

/** Where an answer goes: a channel or thread (chat.postMessage / chat.update) or a response_url. */
export interface Outbox {
  post(message: SlackMessage): Promise<UpdateMessage>;
}

/** Posts into a channel, in a thread when `threadTs` is set; updates with chat.update. */
export function channelOutbox(client: webApi.WebClient, channel: string, threadTs?: string): Outbox {
  return {
    async post(message) {
      const posted = await client.chat.postMessage({
        channel,
        text: message.text,
        blocks: message.blocks,
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
      const ts = posted.ts;
      return async (next) => {
        if (!ts) return;
        await client.chat.update({
          channel: posted.channel ?? channel,
          ts,
          text: next.text,
          blocks: next.blocks,
        });
      };
    },
  };
}

type Respond = (message: Record<string, unknown>) => Promise<unknown>;

/** Answers through a response_url (slash commands, ephemeral messages): only the asker sees it. */
export function responseOutbox(respond: Respond): Outbox {
  return {
    async post(message) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: message.text,
        blocks: message.blocks,
      });
      return async (next) => {
        await respond({ replace_original: true, text: next.text, blocks: next.blocks });
      };
    },
  };
}

const working = (what: string): SlackMessage =>
  mrkdwnMessage(
    `Working on it: ${escapeMrkdwn(what)}`,
    `:hourglass_flowing_sand: Working on it: _${escapeMrkdwn(what.replaceAll('_', ' '))}_…`,
  );

/**
 * Posts the result of `work`: at once when it is quick, else a "working on it" message first that
 * the answer then replaces in place. Errors become the one error message (with "did you mean").
 */
export async function deliver(
  deps: SlackDeps,
  outbox: Outbox,
  what: string,
  work: () => Promise<SlackMessage>,
): Promise<void> {
  let notice: Promise<UpdateMessage> | null = null;
  const timer =
    deps.workingNoticeMs > 0
      ? setTimeout(() => {
          notice = outbox.post(working(what));
        }, deps.workingNoticeMs)
      : null;
  if (deps.workingNoticeMs === 0) notice = outbox.post(working(what));
  let message: SlackMessage;
  try {
    message = await work();
  } catch (error) {
    message = errorMessage(error);
  } finally {
    if (timer) clearTimeout(timer);
  }
  const problems = messageProblems(message);
  if (problems.length > 0) deps.logger.error({ problems }, 'answer exceeds Slack limits');
  const pending = notice as Promise<UpdateMessage> | null;
  if (pending) await (await pending)(message);
  else await outbox.post(message);
}

export function slackContext(deps: SlackDeps, actor: Actor, channel: string | undefined): CommandContext {
  return {
    db: deps.db,
    config: deps.config,
    logger: deps.logger,
    actor,
    ...clockFields(deps.clock),
    surface: 'slack',
    ...(channel ? { channel } : {}),
    llm: deps.llm,
    queue: deps.feedbackQueue ?? null,
  };
}

/**
 * The actor for a Slack user, or null after telling them politely how to be added (and auditing
 * the refusal): every Slack request either runs as a known team member or stops here.
 */
export async function actorOrExplain(
  deps: SlackDeps,
  client: webApi.WebClient,
  slackUserId: string,
  channel: string | undefined,
  text: string | null,
  outbox: Outbox,
): Promise<Actor | null> {
  let actor: Actor | null;
  try {
    actor = await slackActor(deps.db, client, slackUserId, deps.logger);
  } catch (error) {
    // The store is down (or failing): say so, rather than leave the question unanswered.
    await outbox.post(errorMessage(error));
    return null;
  }
  if (actor) return actor;
  await auditUnknownUser(deps, slackUserId, { channel: channel ?? null, text });
  await outbox.post(unknownUserMessage(slackUserId));
  return null;
}

/** Records that a Slack user the team has not added tried something (and was told how to be added). */
export function auditUnknownUser(
  deps: Pick<SlackDeps, 'db' | 'clock'>,
  slackUserId: string,
  what: { channel?: string | null; text?: string | null; intent?: string },
): Promise<void> {
  return appendAudit(deps.db, {
    actor: `slack:${slackUserId}`,
    surface: 'slack',
    channel: what.channel ?? null,
    text: what.text ?? null,
    intent: what.intent ?? null,
    outcome: 'error',
    error_code: 'user_unknown',
    at: deps.clock.now().toISOString(),
  });
}

/** A question in plain words from Slack: who is asking, then the router, then Block Kit. */
export function answerQuestion(
  deps: SlackDeps,
  client: webApi.WebClient,
  question: { slackUserId: string; channel: string | undefined; text: string },
  outbox: Outbox,
): Promise<void> {
  return answerQuestionWith(deps, client, question, outbox, (ctx) => ask(ctx, question.text));
}

/** A request from Slack answered by `answer` (a question, or a command with its arguments) as the person who made it. */
export async function answerQuestionWith(
  deps: SlackDeps,
  client: webApi.WebClient,
  question: { slackUserId: string; channel: string | undefined; text: string },
  outbox: Outbox,
  answer: (ctx: CommandContext) => Promise<Answer>,
): Promise<void> {
  const actor = await actorOrExplain(
    deps,
    client,
    question.slackUserId,
    question.channel,
    question.text,
    outbox,
  );
  if (!actor) return;
  const ctx = slackContext(deps, actor, question.channel);
  await deliver(deps, outbox, question.text, async () => answerMessage(await answer(ctx)));
}
