import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

/** The intent model as stored (scripts/train-intent-classifier.ts writes it). */
export const StoredIntentModel = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    intents: z.array(z.string()).min(2),
    vocabulary: z.array(z.string()),
    /** vocabulary × intents, row-major. */
    weights: z.array(z.number()),
    /** The sentence vector's dimensions (the local word vectors'), × intents. */
    dense_dimensions: z.number().int().min(0),
    dense: z.array(z.number()),
    bias: z.array(z.number()),
    temperature: z.number().positive(),
    /**
     * How readings are decided (tuned on the corpus's dev split): take the model's intent at or
     * above `accept`; ask back with every reading at or above `close` when none is accepted.
     */
    thresholds: z.object({
      accept: z.number().min(0).max(1),
      close: z.number().min(0).max(1),
      /** The model overrules the rules' trigger reading at or above this (above 1: never). */
      override: z.number().min(0).max(1.01),
    }),
  })
  .refine(
    (m) => m.weights.length === m.vocabulary.length * m.intents.length,
    'weights must be vocabulary × intents',
  )
  .refine(
    (m) => m.dense.length === m.dense_dimensions * m.intents.length,
    'dense must be dimensions × intents',
  )
  .refine((m) => m.bias.length === m.intents.length, 'one bias per intent');
export type StoredIntentModel = z.infer<typeof StoredIntentModel>;

let stored: StoredIntentModel | undefined;

export function storedIntentModel(): StoredIntentModel {
  stored ??= loadKnowledge('intents/classifier.json', StoredIntentModel);
  return stored;
}
