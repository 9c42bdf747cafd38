import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

export const FeedbackSynonyms = z
  .object({
    version: z.number().int().min(1),
    note: z.string().optional(),
    phrases: z.record(z.string().min(2), z.string().min(2)),
    generic: z.array(z.string().min(2)),
    /** Words that frame a request (slow, price, please add) rather than name its subject. */
    framing: z.array(z.string().min(2)),
  })
  .strict();

export type FeedbackSynonyms = z.infer<typeof FeedbackSynonyms>;

let cached: FeedbackSynonyms | undefined;

/**
 * The local embedder's synonym table, its version and framing words (knowledge/feedback/synonyms.json),
 * validated once. tools/feedback/local-models compiles it for the embedder.
 */
export function feedbackSynonymsFile(): FeedbackSynonyms {
  cached ??= loadKnowledge('feedback/synonyms.json', FeedbackSynonyms);
  return cached;
}
