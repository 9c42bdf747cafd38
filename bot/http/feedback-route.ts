import type { CustomRoute } from '@slack/bolt';
import { run } from '../../commands/router.ts';
import { FeedbackInput } from '../../jobs/ingest-feedback.ts';
import { type ApiRouteDeps, apiRoute } from './api-route.ts';

/** The largest body accepted: one item of at most 20,000 characters, with room for its fields. */
export const MAX_BODY_BYTES = 128 * 1024;

export type FeedbackRouteDeps = ApiRouteDeps;

/**
 * `POST /v1/feedback`: one feedback item, run as `log_feedback` through the router as the API
 * actor (bot/http/api-route). The item is stored before the 202 answer; its processing is queued,
 * and a queue that is down never holds the answer up.
 */
export function feedbackRoute(deps: FeedbackRouteDeps): CustomRoute {
  return apiRoute(deps, {
    path: '/v1/feedback',
    intent: 'log_feedback',
    maxBytes: MAX_BODY_BYTES,
    what: 'one feedback item',
    schema: FeedbackInput,
    async handle(ctx, { score, author, ...item }) {
      const answer = await run(ctx, 'log_feedback', {
        ...item,
        ...(score === null || score === undefined ? {} : { score }),
        ...(author ? { author } : {}),
      });
      const data = answer.data;
      return {
        status: 202,
        body: { feedback_id: data.feedback_id, account_id: data.account_id, status: data.status },
      };
    },
  });
}
