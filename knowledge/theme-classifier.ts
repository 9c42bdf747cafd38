import { z } from 'zod';
import { CseError, ErrorCode } from '../core/errors.ts';
import { THEME_IDS } from './feedback-themes.ts';
import { loadKnowledge } from './load-knowledge.ts';

/** knowledge/feedback/theme-classifier.json, as scripts/train-feedback-classifier.ts writes it. */
const StoredClassifier = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    themes: z.array(z.enum(THEME_IDS)).min(2),
    vocabulary: z.array(z.string().min(1)),
    lexical: z.array(z.number()),
    dense: z.array(z.number()),
    lexicon: z.array(z.number()),
    bias: z.array(z.number()),
  })
  .strict();

export type StoredClassifier = z.infer<typeof StoredClassifier>;

let cached: StoredClassifier | undefined;

/** The shipped theme classifier's weights, checked once per process (tools/feedback/local-models builds it). */
export function storedThemeClassifier(): StoredClassifier {
  if (!cached) {
    const file = loadKnowledge('feedback/theme-classifier.json', StoredClassifier);
    const t = file.themes.length;
    if (
      file.lexical.length !== file.vocabulary.length * t ||
      file.lexicon.length !== t * t ||
      file.bias.length !== t ||
      file.dense.length % t !== 0
    )
      throw new CseError(
        ErrorCode.ConfigInvalid,
        `knowledge/feedback/theme-classifier.json: weight arrays do not match ${file.vocabulary.length} features × ${t} themes`,
        { hint: 'Retrain it with scripts/train-feedback-classifier.ts or restore it from the repository' },
      );
    cached = file;
  }
  return cached;
}
