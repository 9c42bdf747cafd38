import { z } from 'zod';
import {
  compileSynonyms,
  LOCAL_EMBEDDING_MODEL_FAMILY,
  type Synonyms,
  stem,
} from '../tools/feedback/hashed-embedding.ts';
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

export interface LocalVocabulary {
  /** The local embedder's model name: the family and this file's version. */
  model: string;
  synonyms: Synonyms;
  /** Framing words, stemmed as content words are: never a subject two requests share. */
  framing: ReadonlySet<string>;
}

let cached: LocalVocabulary | undefined;

/**
 * The local embedder's synonym table, the model name its version gives the vectors, and the framing
 * words. The word-vector table is loaded apart (knowledge/word-vectors.ts), only by the embedder.
 */
export function localEmbeddingVocabulary(): LocalVocabulary {
  if (!cached) {
    const file = loadKnowledge('feedback/synonyms.json', FeedbackSynonyms);
    cached = {
      model: `${LOCAL_EMBEDDING_MODEL_FAMILY}-v${file.version}`,
      synonyms: compileSynonyms(file.phrases, file.generic),
      framing: new Set(file.framing.map(stem)),
    };
  }
  return cached;
}
