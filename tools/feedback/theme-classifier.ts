import type { FeedbackOwner, FeedbackThemes, ThemeId } from '../../knowledge/feedback-themes.ts';
import { addDenseRows, addFeatureRows, rowIn, softmax } from '../linear-scores.ts';
import { contentWords, cosine, STOP_WORDS, type Synonyms } from './hashed-embedding.ts';
import { tagThemes } from './theme-lexicon.ts';
import { sentenceVector, unit, type WordVectors } from './word-vectors.ts';

/**
 * A multinomial logistic regression over three kinds of feature, trained on the labelled corpus
 * (scripts/train-feedback-classifier.ts, weights in knowledge/feedback/theme-classifier.json):
 * - the text's content words and word pairs (after the synonym table), from a fixed vocabulary;
 * - its sentence vector from the word-vector table, so unseen wordings of a known subject land
 *   near it;
 * - the lexicon's themes, as one feature each: the lexicon is evidence, not the decision.
 */
export interface ThemeClassifierModel {
  version: string;
  themes: readonly ThemeId[];
  /** Lexical feature → row of `lexical`. */
  vocabulary: ReadonlyMap<string, number>;
  /** vocabulary × themes. */
  lexical: Float32Array;
  /** word-vector dimensions × themes. */
  dense: Float32Array;
  /** lexicon theme (in `themes` order) × themes. */
  lexicon: Float32Array;
  bias: Float32Array;
}

export interface ClassifierInputs {
  synonyms: Synonyms;
  wordVectors: WordVectors;
  taxonomy: FeedbackThemes;
}

export interface TextFeatures {
  lexical: string[];
  /** The SIF sentence vector, then the plain mean of the word vectors, then the soft lexicon. */
  dense: Float32Array;
  lexicon: ThemeId[];
}

const keywordVectors = new WeakMap<ClassifierInputs, Float32Array[][]>();

/** A word of the table as a unit vector (a copy of its row). */
function unitWord(word: string, table: WordVectors): Float32Array {
  const row = table.rows.get(word) as number;
  return unit(table.vectors.slice(row * table.dimensions, (row + 1) * table.dimensions));
}

/** Each theme's single-word keywords as unit word vectors (in the taxonomy's order). */
function themeKeywordVectors(inputs: ClassifierInputs): Float32Array[][] {
  let list = keywordVectors.get(inputs);
  if (!list) {
    const table = inputs.wordVectors;
    list = inputs.taxonomy.themes.map((theme) =>
      theme.keywords.filter((k) => table.rows.has(k)).map((k) => unitWord(k, table)),
    );
    keywordVectors.set(inputs, list);
  }
  return list;
}

interface WordFraming {
  /** The word's unit vector. */
  unit: Float32Array;
  /** Per theme, the closest the word comes to one of its keywords. */
  closest: Float32Array;
}

const framingCache = new WeakMap<ClassifierInputs, Map<string, WordFraming>>();

/** A word's unit vector and its closeness to each theme's keywords, worked out once per process. */
function wordFraming(word: string, inputs: ClassifierInputs): WordFraming {
  let cache = framingCache.get(inputs);
  if (!cache) {
    cache = new Map();
    framingCache.set(inputs, cache);
  }
  const known = cache.get(word);
  if (known) return known;
  const vector = unitWord(word, inputs.wordVectors);
  const closest = Float32Array.from(themeKeywordVectors(inputs), (keywords) =>
    keywords.reduce((best, keyword) => Math.max(best, cosine(vector, keyword)), 0),
  );
  const framing = { unit: vector, closest };
  cache.set(word, framing);
  return framing;
}

/**
 * The plain mean of the text's word vectors (frequent framing words such as "slow" or "add" keep
 * their weight here), and for each theme the closest any word of the text comes to one of its
 * keywords: a lexicon that also hears synonyms.
 */
function framingFeatures(text: string, inputs: ClassifierInputs): Float32Array {
  const { rows, dimensions } = inputs.wordVectors;
  const themeCount = inputs.taxonomy.themes.length;
  const out = new Float32Array(dimensions + themeCount);
  const words = (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter(
    (w) => !STOP_WORDS.has(w) && rows.has(w),
  );
  for (const word of words) {
    const { unit, closest } = wordFraming(word, inputs);
    for (let k = 0; k < dimensions; k++) out[k] = (out[k] as number) + (unit[k] as number) / words.length;
    for (let t = 0; t < themeCount; t++)
      if ((closest[t] as number) > (out[dimensions + t] as number))
        out[dimensions + t] = closest[t] as number;
  }
  return out;
}

/** The features of one text: content words and pairs, the sentence vector, the lexicon's themes. */
export function textFeatures(text: string, inputs: ClassifierInputs): TextFeatures {
  const words = contentWords(text, inputs.synonyms);
  const lexical = new Set<string>();
  words.forEach((word, i) => {
    lexical.add(`w:${word}`);
    const next = words[i + 1];
    if (next) lexical.add(`b:${word} ${next}`);
  });
  const lexicon = tagThemes(text, inputs.taxonomy);
  return {
    lexical: [...lexical],
    dense: concat(sentenceVector(text, inputs.wordVectors, STOP_WORDS), framingFeatures(text, inputs)),
    lexicon: lexicon.matched.length > 0 ? lexicon.themes : [],
  };
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Each theme's probability for the given features, in the model's theme order. */
export function themeProbabilities(features: TextFeatures, model: ThemeClassifierModel): Float32Array {
  const scores = Float32Array.from(model.bias);
  addFeatureRows(scores, features.lexical, (f) => model.vocabulary.get(f), model.lexical);
  addDenseRows(scores, features.dense, model.dense);
  addFeatureRows(scores, features.lexicon, rowIn(model.themes), model.lexicon);
  return softmax(scores);
}

export interface ThemeVerdict {
  primary: ThemeId;
  /** The primary theme's probability. */
  confidence: number;
  owner: FeedbackOwner;
  /** The owner's probability: the sum over the themes it owns. */
  ownerConfidence: number;
  /** Themes at or above a tenth of the probability, most likely first. */
  themes: ThemeId[];
}

/**
 * The owner is the one whose themes together are most likely (a bug and a slow page are both
 * support's, even when the two are hard to tell apart); the primary theme is that owner's most
 * likely theme, so the theme and the owner never disagree with the routing matrix.
 */
export function themeVerdict(
  probabilities: Float32Array,
  model: ThemeClassifierModel,
  ownerOf: (theme: ThemeId) => FeedbackOwner,
): ThemeVerdict {
  const byOwner = new Map<FeedbackOwner, number>();
  model.themes.forEach((theme, c) => {
    const owner = ownerOf(theme);
    byOwner.set(owner, (byOwner.get(owner) ?? 0) + (probabilities[c] as number));
  });
  const [owner, ownerConfidence] = [...byOwner.entries()].sort((a, b) => b[1] - a[1])[0] as [
    FeedbackOwner,
    number,
  ];
  const ranked = model.themes
    .map((theme, c) => ({ theme, p: probabilities[c] as number }))
    .sort((a, b) => b.p - a.p);
  const primary = ranked.find((r) => ownerOf(r.theme) === owner) as { theme: ThemeId; p: number };
  return {
    primary: primary.theme,
    confidence: primary.p,
    owner,
    ownerConfidence,
    themes: [
      primary.theme,
      ...ranked.filter((r) => r.theme !== primary.theme && r.p >= 0.1).map((r) => r.theme),
    ],
  };
}
