import { CseError, ErrorCode } from '../../core/errors.ts';
import { storedPairModel } from '../../knowledge/feedback-pair-model.ts';
import { feedbackSynonymsFile } from '../../knowledge/feedback-synonyms.ts';
import { feedbackThemes } from '../../knowledge/feedback-themes.ts';
import { storedThemeClassifier } from '../../knowledge/theme-classifier.ts';
import { storedWordVectors } from '../../knowledge/word-vectors.ts';
import { compileSynonyms, LOCAL_EMBEDDING_MODEL_FAMILY, type Synonyms, stem } from './hashed-embedding.ts';
import { PAIR_FEATURES, type PairModel } from './pair-model.ts';
import type { ClassifierInputs, ThemeClassifierModel } from './theme-classifier.ts';
import { decodeWordVectors, type WordVectors } from './word-vectors.ts';

/** The local embedder's vocabulary: its model name, compiled synonyms and framing words. */
export interface LocalVocabulary {
  /** The local embedder's model name: the family and the synonyms file's version. */
  model: string;
  synonyms: Synonyms;
  /** Framing words, stemmed as content words are: never a subject two requests share. */
  framing: ReadonlySet<string>;
}

/** The shipped theme classifier with what its features are computed from. */
export interface ThemeClassifier {
  model: ThemeClassifierModel;
  inputs: ClassifierInputs;
}

let vocabulary: LocalVocabulary | undefined;
let vectors: WordVectors | undefined;
let classifier: ThemeClassifier | undefined;

/** The local embedder's vocabulary, compiled once per process from knowledge/feedback/synonyms.json. */
export function localEmbeddingVocabulary(): LocalVocabulary {
  if (!vocabulary) {
    const file = feedbackSynonymsFile();
    vocabulary = {
      model: `${LOCAL_EMBEDDING_MODEL_FAMILY}-v${file.version}`,
      synonyms: compileSynonyms(file.phrases, file.generic),
      framing: new Set(file.framing.map(stem)),
    };
  }
  return vocabulary;
}

/** The local embedder's word-vector table, decoded once per process. */
export function localWordVectors(): WordVectors {
  if (!vectors) {
    const file = storedWordVectors();
    vectors = decodeWordVectors(file.words, file.dimensions, file.scales, file.vectors);
  }
  return vectors;
}

/** The shipped theme classifier, built once per process from its stored weights. */
export function localThemeClassifier(): ThemeClassifier {
  if (!classifier) {
    const file = storedThemeClassifier();
    classifier = {
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
  return classifier;
}

let pairModel: PairModel | undefined;

/** The shipped duplicate pair model, checked against the features this code computes. */
export function localPairModel(): PairModel {
  if (!pairModel) {
    const file = storedPairModel();
    if (file.features.join() !== PAIR_FEATURES.join())
      throw new CseError(
        ErrorCode.ConfigInvalid,
        `knowledge/feedback/pair-model.json: its features (${file.features.join(', ')}) are not the pair model's (${PAIR_FEATURES.join(', ')})`,
        { hint: 'Retrain it with scripts/train-pair-model.ts or restore it from the repository' },
      );
    pairModel = {
      version: file.version,
      weights: file.weights,
      bias: file.bias,
      mergeFrom: file.merge_from,
      suggestFrom: file.suggest_from,
    };
  }
  return pairModel;
}
