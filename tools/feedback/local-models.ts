import { feedbackSynonymsFile } from '../../knowledge/feedback-synonyms.ts';
import { feedbackThemes } from '../../knowledge/feedback-themes.ts';
import { storedThemeClassifier } from '../../knowledge/theme-classifier.ts';
import { storedWordVectors } from '../../knowledge/word-vectors.ts';
import { compileSynonyms, LOCAL_EMBEDDING_MODEL_FAMILY, type Synonyms, stem } from './hashed-embedding.ts';
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
