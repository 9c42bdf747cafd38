import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CseError, ErrorCode } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { getFeedback } from '../facts/feedback.ts';
import { insertFeedback } from '../records/feedback.ts';
import type { Db } from '../store/db.ts';
import { FEEDBACK_SOURCES } from '../store/import/kinds.ts';
import type { JobQueue } from './queue.ts';

/** One feedback item as the HTTP API accepts it (the body of POST /v1/feedback). */
export const FeedbackInput = z
  .object({
    /** Your id for the item; re-sending the same id stores nothing new. */
    feedback_id: z.string().min(1).max(200).optional(),
    /** An id from the source system (ticket number, survey response id): the idempotency key when feedback_id is absent. */
    external_id: z.string().min(1).max(200).optional(),
    /** Account id, name or domain. */
    account: z.string().min(1),
    source: z.enum(FEEDBACK_SOURCES),
    text: z.string().min(1).max(20_000),
    score: z.number().int().min(0).max(10).nullable().optional(),
    author: z.string().max(200).nullable().optional(),
    created_at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
export type FeedbackInput = z.infer<typeof FeedbackInput>;

/** An item to store for an account already resolved. */
export type NewFeedbackItem = Omit<FeedbackInput, 'account'>;

/** A queue that has not answered in this long is taken as down: the item waits in the store. */
const QUEUE_ADD_TIMEOUT_MS = 500;

/** A stable id when the sender gave none: the same content from the same place is the same item. */
export function feedbackIdFor(accountKey: string, input: NewFeedbackItem): string {
  if (input.feedback_id) return input.feedback_id;
  if (input.external_id) return `ext-${input.source}-${input.external_id}`;
  const digest = createHash('sha256').update(`${accountKey}\n${input.source}\n${input.text}`).digest('hex');
  return `fb-${digest.slice(0, 20)}`;
}

/**
 * Queues an item's processing without ever holding up its answer: a queue that fails or does not
 * answer within QUEUE_ADD_TIMEOUT_MS leaves the item `new` in the store, where the re-drive finds it.
 */
export async function queueProcessing(
  queue: JobQueue,
  feedbackId: string,
  logger?: Logger,
): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), QUEUE_ADD_TIMEOUT_MS);
  });
  const added = queue.add('process_feedback', { feedbackId }).then(
    () => true,
    (error: unknown) => {
      logger?.warn(
        { feedbackId, err: (error as Error).message },
        'queue unavailable; the item waits in the store',
      );
      return false;
    },
  );
  try {
    return await Promise.race([added, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stores one item for an account, before anything else happens, then queues its processing.
 * Idempotent on the item's id; the same id with other content is a conflict naming the stored item.
 */
export async function ingestFeedback(
  db: Db,
  queue: JobQueue | null,
  account: { id: string; name: string },
  input: NewFeedbackItem,
  now: Date,
  logger?: Logger,
): Promise<{
  feedback_id: string;
  account_id: string;
  account_name: string;
  inserted: boolean;
  queued: boolean;
}> {
  const feedbackId = feedbackIdFor(account.id, input);
  const { inserted } = await insertFeedback(db, {
    feedback_id: feedbackId,
    account_id: account.id,
    source: input.source,
    created_at: input.created_at ?? now.toISOString(),
    text: input.text,
    score: input.score ?? null,
    author: input.author ?? null,
    attributes: input.external_id ? { external_id: input.external_id } : {},
    received_at: now.toISOString(),
  });
  if (!inserted) {
    const stored = await getFeedback(db, feedbackId);
    if (
      stored &&
      (stored.account_id !== account.id || stored.text !== input.text || stored.source !== input.source)
    )
      throw new CseError(
        ErrorCode.Conflict,
        `Feedback ${feedbackId} is already stored with other content (account ${stored.account_id}, source ${stored.source})`,
        {
          hint: 'Send new feedback under a new id; an id always means the same item',
          details: {
            stored: {
              feedback_id: stored.feedback_id,
              account_id: stored.account_id,
              source: stored.source,
              created_at: stored.created_at,
              text: stored.text,
            },
          },
        },
      );
  }
  const queued = inserted && queue ? await queueProcessing(queue, feedbackId, logger) : false;
  return { feedback_id: feedbackId, account_id: account.id, account_name: account.name, inserted, queued };
}
