import OpenAI from 'openai';
import type { Config } from '../core/config.ts';
import { EMBEDDING_DIMENSIONS, hashedEmbedding } from '../tools/feedback/hashed-embedding.ts';
import { localEmbeddingVocabulary, localWordVectors } from '../tools/feedback/local-models.ts';
import { type PeopleSource, peopleRedactor } from './people-redactor.ts';

/** Turns texts into 512-dimensional unit vectors; `model` is stored with every vector. */
export interface Embedder {
  model: string;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** The default: local, deterministic, no download (tools/feedback/hashed-embedding). */
export function localEmbedder(): Embedder {
  const { model, synonyms } = localEmbeddingVocabulary();
  const wordVectors = localWordVectors();
  return { model, embed: async (texts) => texts.map((t) => hashedEmbedding(t, synonyms, wordVectors)) };
}

/**
 * OpenAI `text-embedding-3-small` (or any compatible endpoint) at 512 dimensions. PII is redacted
 * before any text leaves.
 */
export function openAiEmbedder(config: Config, people?: PeopleSource): Embedder {
  const redactor = peopleRedactor(people);
  const client = new OpenAI({
    apiKey: config.OPENAI_API_KEY,
    ...(config.OPENAI_BASE_URL ? { baseURL: config.OPENAI_BASE_URL } : {}),
    timeout: config.OPENAI_TIMEOUT_MS,
    maxRetries: config.OPENAI_MAX_RETRIES,
  });
  const model = config.OPENAI_EMBEDDING_MODEL;
  return {
    model: `${model}@${EMBEDDING_DIMENSIONS}`,
    async embed(texts) {
      const redact = await redactor();
      const response = await client.embeddings.create({
        model,
        input: texts.map((t) => redact(t)),
        dimensions: EMBEDDING_DIMENSIONS,
      });
      return response.data
        .sort((a, b) => a.index - b.index)
        .map((d) => {
          const v = Float32Array.from(d.embedding);
          let norm = 0;
          for (const x of v) norm += x * x;
          norm = Math.sqrt(norm) || 1;
          return v.map((x) => x / norm);
        });
    },
  };
}

/** The embedder the configuration selects: OpenAI when a key is set, else the local one. */
export function embedderFor(config: Config, people?: PeopleSource): Embedder {
  return config.OPENAI_API_KEY ? openAiEmbedder(config, people) : localEmbedder();
}
