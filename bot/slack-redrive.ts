import type { webApi } from '@slack/bolt';
import { every } from '../core/every.ts';
import {
  markSlackDeliveryDone,
  type SlackQuestion,
  STALE_CLAIM_SECONDS,
  takeStaleSlackDeliveries,
} from '../records/slack-deliveries.ts';
import { answerQuestion, channelOutbox, type SlackDeps } from './answer-flow.ts';

/**
 * Answers a claimed question in the place it was asked, then marks the delivery done: a claim is
 * done only once its answer was posted. Used for a fresh event and by the re-drive alike.
 */
export async function answerClaimed(
  deps: SlackDeps,
  client: webApi.WebClient,
  delivery: string | null,
  question: SlackQuestion,
): Promise<void> {
  await answerQuestion(
    deps,
    client,
    { slackUserId: question.slackUserId, channel: question.channel, text: question.text },
    channelOutbox(client, question.channel, question.threadTs),
  );
  if (delivery)
    await markSlackDeliveryDone(deps.db, delivery).catch((error: Error) =>
      deps.logger.warn(
        { err: error.message },
        'could not mark a Slack delivery done; the re-drive may answer again',
      ),
    );
}

/** How often the re-drive looks for questions that were claimed but never answered. */
export const SLACK_REDRIVE_EVERY_MS = 30_000;

/**
 * Answers, once, every claimed question left unanswered for `staleSeconds` (the process that took
 * it died, or could not reach Slack). Returns how many it answered.
 */
export async function redriveSlackQuestions(
  deps: SlackDeps,
  client: webApi.WebClient,
  staleSeconds = STALE_CLAIM_SECONDS,
): Promise<number> {
  const stale = await takeStaleSlackDeliveries(deps.db, staleSeconds);
  for (const { delivery_id, question } of stale) await answerClaimed(deps, client, delivery_id, question);
  return stale.length;
}

/** Runs the re-drive on a timer until the returned function is called. */
export function startSlackRedrive(deps: SlackDeps, client: webApi.WebClient): () => void {
  return every(
    SLACK_REDRIVE_EVERY_MS,
    async () => {
      const n = await redriveSlackQuestions(deps, client);
      if (n > 0) deps.logger.info({ questions: n }, 'answered questions a stopped process had left');
    },
    (error) => deps.logger.warn({ err: error.message }, 'Slack re-drive failed; will try again'),
  );
}
