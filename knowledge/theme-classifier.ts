import { z } from 'zod';
import { CseError, ErrorCode } from '../core/errors.ts';
import type { ClassifierInputs, ThemeClassifierModel } from '../tools/feedback/theme-classifier.ts';
import { localEmbeddingVocabulary } from './feedback-synonyms.ts';
import { feedbackThemes, THEME_IDS } from './feedback-themes.ts';
import { loadKnowledge } from './load-knowledge.ts';
import { localWordVectors } from './word-vectors.ts';

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

export interface ThemeClassifier {
  model: ThemeClassifierModel;
  inputs: ClassifierInputs;
}

let cached: ThemeClassifier | undefined;

/** The shipped theme classifier with what its features are computed from, loaded once per process. */
export function localThemeClassifier(): ThemeClassifier {
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
    cached = {
      model: {
        version: file.version,
        themes: file.themes,
        vocabulary: new Map(file.vocabulary.map((w, i) => [w, i])),
        lexical: Float32Array.from(file.lexical),
        dense: Float32Array.from(file.dense),
        lexicon: Float32Array.from(file.lexicon),
        bias: Float32Array.from(file.bias),
      },
      inputs: {
        synonyms: localEmbeddingVocabulary().synonyms,
        wordVectors: localWordVectors(),
        taxonomy: feedbackThemes(),
      },
    };
  }
  return cached;
}
