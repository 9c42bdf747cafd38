import { z } from 'zod';
import { CseError, ErrorCode } from '../core/errors.ts';
import { loadKnowledge } from './load-knowledge.ts';

/** knowledge/feedback/pair-model.json, as scripts/train-pair-model.ts writes it. */
const StoredPairModel = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    features: z.array(z.string()),
    weights: z.array(z.number()),
    bias: z.number(),
    /** At or above: merged without asking anyone (chosen on the training script's dev sets for precision). */
    merge_from: z.number().min(0).max(1),
    /** At or above: shown to the owner as a possible duplicate. */
    suggest_from: z.number().min(0).max(1),
    /** The figures the training script measured when it chose the two thresholds. */
    dev: z.record(z.string(), z.number()).optional(),
  })
  .strict();

export type StoredPairModel = z.infer<typeof StoredPairModel>;

let cached: StoredPairModel | undefined;

/** The shipped duplicate pair model, checked once per process (tools/feedback/local-models builds it). */
export function storedPairModel(): StoredPairModel {
  if (!cached) {
    const file = loadKnowledge('feedback/pair-model.json', StoredPairModel);
    if (file.weights.length !== file.features.length)
      throw new CseError(
        ErrorCode.ConfigInvalid,
        `knowledge/feedback/pair-model.json: ${file.weights.length} weights for ${file.features.length} features`,
        { hint: 'Retrain it with scripts/train-pair-model.ts or restore it from the repository' },
      );
    if (file.suggest_from > file.merge_from)
      throw new CseError(
        ErrorCode.ConfigInvalid,
        'knowledge/feedback/pair-model.json: suggest_from is above merge_from',
        {
          hint: 'Retrain it with scripts/train-pair-model.ts or restore it from the repository',
        },
      );
    cached = file;
  }
  return cached;
}
