import { z } from 'zod';
import {
  compileSynonyms,
  LOCAL_EMBEDDING_MODEL_FAMILY,
  type Synonyms,
} from '../tools/feedback/hashed-embedding';
import type { WordVectors } from '../tools/feedback/word-vectors';
import { loadKnowledge } from './load-knowledge';
import { localWordVectors } from './word-vectors';

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
  /** The word-vector table (knowledge/feedback/word-vectors.json). */
  wordVectors: WordVectors;
}

let cached: LocalVocabulary | undefined;

/** The local embedder's synonym table, the model name its version gives the vectors, and the framing words. */
export function localEmbeddingVocabulary(): LocalVocabulary {
  if (!cached) {
    const file = loadKnowledge('feedback/synonyms.json', FeedbackSynonyms);
    cached = {
      model: `${LOCAL_EMBEDDING_MODEL_FAMILY}-v${file.version}`,
      synonyms: compileSynonyms(file.phrases, file.generic),
      framing: compileSynonyms({}, file.framing).generic,
      wordVectors: localWordVectors(),
    };
  }
  return cached;
}
