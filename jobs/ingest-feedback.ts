import { createHash } from 'node:crypto';
import { z } from 'zod';
import { resolveAccount } from '../commands/resolve-account';
import type { Db } from '../store/db';
import { FEEDBACK_SOURCES } from '../store/import/kinds';
import { insertFeedback } from '../store/repositories/feedback';
import type { JobQueue } from './queue';

/** One feedback item as the HTTP API, Slack and other ingest paths accept it. */
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

/** A stable id when the sender gave none: the same content from the same place is the same item. */
export function feedbackIdFor(input: FeedbackInput): string {
  if (input.feedback_id) return input.feedback_id;
  if (input.external_id) return `ext-${input.source}-${input.external_id}`;
  const digest = createHash('sha256')
    .update(`${input.account}\n${input.source}\n${input.text}`)
    .digest('hex');
  return `fb-${digest.slice(0, 20)}`;
}

/**
 * Accepts one item: the account must exist (a "did you mean" error otherwise), the item is stored
 * before anything else happens, then processing is queued. Idempotent on the item's id.
 */
export async function ingestFeedback(
  db: Db,
  queue: JobQueue | null,
  input: FeedbackInput,
  now: Date = new Date(),
): Promise<{ feedback_id: string; account_id: string; account_name: string; inserted: boolean }> {
  const account = await resolveAccount(db, input.account);
  const feedbackId = feedbackIdFor(input);
  const { inserted } = await insertFeedback(db, {
    feedback_id: feedbackId,
    account_id: account.id,
    source: input.source,
    created_at: input.created_at ?? now.toISOString(),
    text: input.text,
    score: input.score ?? null,
    author: input.author ?? null,
    attributes: input.external_id ? { external_id: input.external_id } : {},
  });
  if (inserted && queue) await queue.add('process_feedback', { feedbackId });
  return { feedback_id: feedbackId, account_id: account.id, account_name: account.name, inserted };
}
