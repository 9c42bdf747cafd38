import { sentenceVector, type WordVectors } from './word-vectors.ts';

/**
 * The local embedder: a deterministic hashed bag of word unigrams, word bigrams and character
 * n-grams, L2-normalised, so cosine similarity is a dot product; with the word-vector table
 * loaded, the last 100 of the 512 dimensions carry the text's sentence vector (./word-vectors), so
 * that paraphrases with no word in common still meet. No download, no model, the same vector for
 * the same text on every machine. The n-grams are good at "the same request in other words" when
 * the words overlap (Salesforce sync broken / sync with Salesforce fails); the word vectors at
 * synonyms (slow / sluggish, MFA / two-step verification); neither at what a configured model
 * understands.
 */
export const LOCAL_EMBEDDING_MODEL_FAMILY = 'local-ngram-wordvec';
export const EMBEDDING_DIMENSIONS = 512;

export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a an and are as at be been but by can could do does for from had has have how i if in into is it its ' +
    'just me my of on or our please so that the their them there these they this to too us was we were ' +
    'what when which while who will with would you your also any all am again still very really get got ' +
    'hi hello thanks thank team guys'
  ).split(' '),
);

/** Weights per feature kind: whole words carry most, character n-grams catch typos and word forms. */
const WEIGHT = { word: 1, bigram: 0.6, char: 0.35 };

/** FNV-1a, 32-bit: fast, stable across platforms. */
function fnv1a(text: string, seed: number): number {
  let h = (2166136261 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

/** Phrases mapped to one word before hashing (knowledge/feedback/synonyms.json), longest first. */
export interface Synonyms {
  phrases: readonly (readonly [RegExp, string])[];
  /** Words many different requests share ("broken", "integration"): they count for less. */
  generic: ReadonlySet<string>;
}

const NO_SYNONYMS: Synonyms = { phrases: [], generic: new Set() };
/** How much a generic word counts next to a distinctive one. */
const GENERIC_WEIGHT = 0.35;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileSynonyms(
  phrases: Readonly<Record<string, string>>,
  generic: readonly string[] = [],
): Synonyms {
  return {
    phrases: Object.entries(phrases)
      .sort(([a], [b]) => b.length - a.length)
      .map(([from, to]) => [new RegExp(`(?<![a-z0-9])${escapeRegExp(from)}(?![a-z0-9])`, 'g'), to] as const),
    generic: new Set(generic.map(stem)),
  };
}

/** Lower-cased words, synonyms unified, stop words removed and a light plural/verb-ending trim. */
export function contentWords(text: string, synonyms: Synonyms = NO_SYNONYMS): string[] {
  let lower = text.toLowerCase().replace(/[’‘]/g, "'");
  for (const [pattern, to] of synonyms.phrases) lower = lower.replace(pattern, to);
  return (lower.match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? [])
    .map((w) => w.replace(/'s$/, ''))
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w))
    .map(stem);
}

/** A crude suffix trim, enough to meet "exports"/"exporting"/"exported" at "export". */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  let base = word;
  for (const suffix of ['ations', 'ation', 'ions', 'ion', 'ings', 'ing', 'ed', 'es', 's', 'ly']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      base = word.slice(0, -suffix.length);
      break;
    }
  }
  // "save", "saved", "saving" all meet at "sav"; "issue", "issues" at "issu".
  return base.length > 3 && base.endsWith('e') ? base.slice(0, -1) : base;
}

function add(vector: Float32Array, buckets: number, feature: string, weight: number): void {
  const h = fnv1a(feature, 0x9e3779b9);
  const index = h % buckets;
  const sign = (fnv1a(feature, 0x85ebca6b) & 1) === 0 ? 1 : -1;
  vector[index] = (vector[index] as number) + sign * weight;
}

/** Share of the vector's weight the sentence vector carries when the word-vector table is given. */
const WORD_VECTOR_SHARE = 0.5;

function normalise(vector: Float32Array, from = 0, to = vector.length, length = 1): void {
  let norm = 0;
  for (let i = from; i < to; i++) norm += (vector[i] as number) ** 2;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = from; i < to; i++) vector[i] = ((vector[i] as number) / norm) * length;
}

/** The 512-dimensional unit vector of a text (all zeros for text without content words). */
export function hashedEmbedding(
  text: string,
  synonyms: Synonyms = NO_SYNONYMS,
  wordVectors?: WordVectors,
): Float32Array {
  const vector = new Float32Array(EMBEDDING_DIMENSIONS);
  const buckets = EMBEDDING_DIMENSIONS - (wordVectors?.dimensions ?? 0);
  const words = contentWords(text, synonyms);
  words.forEach((word, i) => {
    const scale = synonyms.generic.has(word) ? GENERIC_WEIGHT : 1;
    add(vector, buckets, `w:${word}`, WEIGHT.word * scale);
    const next = words[i + 1];
    if (next)
      add(
        vector,
        buckets,
        `b:${word} ${next}`,
        WEIGHT.bigram * Math.min(scale, synonyms.generic.has(next) ? GENERIC_WEIGHT : 1),
      );
    const padded = `<${word}>`;
    for (let j = 0; j + 4 <= padded.length; j++)
      add(vector, buckets, `c:${padded.slice(j, j + 4)}`, WEIGHT.char * scale);
  });
  if (wordVectors) {
    normalise(vector, 0, buckets, Math.sqrt(1 - WORD_VECTOR_SHARE));
    vector.set(
      sentenceVector(text, wordVectors, STOP_WORDS).map((x) => x * Math.sqrt(WORD_VECTOR_SHARE)),
      buckets,
    );
  }
  normalise(vector);
  return vector;
}

/** Cosine similarity of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}
