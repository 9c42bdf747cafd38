import type { CustomRoute } from '@slack/bolt';
import { run } from '../../commands/router.ts';
import { SEGMENT_SCHEMAS, SegmentBatch, type SegmentKind } from '../../tools/usage/segment-message.ts';
import { type ApiRouteDeps, apiRoute } from './api-route.ts';

/** One call; Segment's own limit for a single call is 32 KB. */
const MAX_CALL_BYTES = 32 * 1024;
/** A batch; Segment's own limit is 500 KB. */
const MAX_BATCH_BYTES = 500 * 1024;

/**
 * Product analytics in Segment's shape (DESIGN §13): `POST /v1/track`, `/v1/identify`, `/v1/group`
 * and `/v1/batch`, with the same bearer token as /v1/feedback. Each request is one
 * `record_product_events` command through the router: checked, stored raw, audited.
 */
export function productEventRoutes(deps: ApiRouteDeps): CustomRoute[] {
  const single = (kind: SegmentKind): CustomRoute =>
    apiRoute(deps, {
      path: `/v1/${kind}`,
      intent: 'record_product_events',
      maxBytes: MAX_CALL_BYTES,
      what: `one ${kind} call (Segment spec)`,
      schema: SEGMENT_SCHEMAS[kind],
      async handle(ctx, message) {
        const answer = await run(ctx, 'record_product_events', { messages: [{ ...message, type: kind }] });
        return { status: 200, body: { success: true, ...answer.data } };
      },
    });
  return [
    single('track'),
    single('identify'),
    single('group'),
    apiRoute(deps, {
      path: '/v1/batch',
      intent: 'record_product_events',
      maxBytes: MAX_BATCH_BYTES,
      what: 'a batch of up to 500 calls, each with its type (Segment spec)',
      schema: SegmentBatch,
      async handle(ctx, body) {
        const answer = await run(ctx, 'record_product_events', { messages: body.batch });
        return { status: 200, body: { success: true, ...answer.data } };
      },
    }),
  ];
}
