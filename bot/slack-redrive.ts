import type { webApi } from '@slack/bolt';
import { every } from '../core/every';
import {
  markSlackDeliveryDone,
  STALE_CLAIM_SECONDS,
  takeStaleSlackDeliveries,
} from '../store/repositories/slack-deliveries';
import { answerQuestion, channelOutbox, type SlackDeps } from './answer-flow';

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
  for (const { delivery_id, question } of stale) {
    await answerQuestion(
      deps,
      client,
      { slackUserId: question.slackUserId, channel: question.channel, text: question.text },
      channelOutbox(client, question.channel, question.threadTs),
    );
    await markSlackDeliveryDone(deps.db, delivery_id);
  }
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
