import { z } from 'zod';
import {
  compileSynonyms,
  LOCAL_EMBEDDING_MODEL_FAMILY,
  type Synonyms,
} from '../tools/feedback/hashed-embedding';
import { loadKnowledge } from './load-knowledge';

export const FeedbackSynonyms = z
  .object({
    version: z.number().int().min(1),
    note: z.string().optional(),
    phrases: z.record(z.string().min(2), z.string().min(2)),
    generic: z.array(z.string().min(2)),
  })
  .strict();

let cached: { model: string; synonyms: Synonyms } | undefined;

/** The local embedder's synonym table, and the model name its version gives the vectors. */
export function localEmbeddingVocabulary(): { model: string; synonyms: Synonyms } {
  if (!cached) {
    const file = loadKnowledge('feedback/synonyms.json', FeedbackSynonyms);
    cached = {
      model: `${LOCAL_EMBEDDING_MODEL_FAMILY}-v${file.version}`,
      synonyms: compileSynonyms(file.phrases, file.generic),
    };
  }
  return cached;
}
