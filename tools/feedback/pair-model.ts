import { type JudgeVocabulary, namedTerms, subjectWords } from './dedup-judge.ts';
import { STOP_WORDS } from './hashed-embedding.ts';
import { unit, type WordVectors } from './word-vectors.ts';

/**
 * The duplicate pair model: the probability that a new feedback item and one of its nearest
 * earlier items are the same request, from what both say (similarity, shared subjects, theme,
 * names, letters, word meanings) and where the neighbour stands among the item's neighbours.
 * A logistic regression trained by scripts/train-pair-model.ts; its weights in
 * knowledge/feedback/pair-model.json. Pure.
 */
export const PAIR_FEATURES = [
  'similarity',
  'gap_to_nearest',
  'rank',
  'subject_overlap',
  'shared_subjects',
  'same_theme',
  'different_names',
  'letter_overlap',
  'word_meaning',
  'similarity_same_theme',
] as const;

export interface PairModel {
  version: string;
  weights: readonly number[];
  bias: number;
  /** At or above: merged without asking anyone. */
  mergeFrom: number;
  /** At or above: shown to the owner as a possible duplicate. */
  suggestFrom: number;
}

/** What the pair model reads of one text, computed once per text. */
export interface PairText {
  theme: string;
  subjects: ReadonlySet<string>;
  names: ReadonlySet<string>;
  letters: ReadonlySet<string>;
  /** The unit word vectors of its words that are in the table (stop words left out). */
  meanings: readonly Float32Array[];
}

export interface PairInputs {
  vocabulary: JudgeVocabulary;
  wordVectors: WordVectors;
}

/** Four-letter runs of the text's letters and digits, spaces included ("csv " " exp"). */
function letterRuns(text: string): Set<string> {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9 ]/g, ' ')
    .replace(/\s+/g, ' ');
  const runs = new Set<string>();
  for (let i = 0; i + 4 <= s.length; i++) runs.add(s.slice(i, i + 4));
  return runs;
}

export function pairText(text: string, theme: string, inputs: PairInputs): PairText {
  const words = (text.toLowerCase().match(/[a-z0-9]+/g) ?? []).filter(
    (w) => w.length > 1 && !STOP_WORDS.has(w),
  );
  return {
    theme,
    subjects: subjectWords(text, inputs.vocabulary),
    names: namedTerms(text),
    letters: letterRuns(text),
    meanings: words
      .map((w) => wordVector(w, inputs.wordVectors))
      .filter((v): v is Float32Array => v !== null)
      .map((v) => unit(Float32Array.from(v))),
  };
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const x of a) if (b.has(x)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}

function wordVector(word: string, table: WordVectors): Float32Array | null {
  const row = table.rows.get(word);
  return row === undefined
    ? null
    : table.vectors.subarray(row * table.dimensions, (row + 1) * table.dimensions);
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let k = 0; k < a.length; k++) sum += (a[k] as number) * (b[k] as number);
  return sum;
}

/**
 * How close two texts' words are in meaning: for each word of one, its closest word of the other;
 * the mean of those closeness values, averaged over both directions (0 when either has none).
 */
function meaningOverlap(a: readonly Float32Array[], b: readonly Float32Array[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const bestOfB = new Array<number>(b.length).fill(0);
  let totalA = 0;
  for (const v of a) {
    let best = 0;
    b.forEach((u, k) => {
      const d = dot(v, u);
      best = Math.max(best, d);
      bestOfB[k] = Math.max(bestOfB[k] as number, d);
    });
    totalA += best;
  }
  const totalB = bestOfB.reduce((x, y) => x + y, 0);
  return (totalA / a.length + totalB / b.length) / 2;
}

/** Where the neighbour stands among the item's neighbours, nearest first. */
export interface PairPlace {
  similarity: number;
  nearestSimilarity: number;
  /** 0 for the nearest. */
  rank: number;
}

/** The model's inputs for one pair, in PAIR_FEATURES order. */
export function pairFeatures(item: PairText, neighbour: PairText, place: PairPlace): number[] {
  const sameTheme = item.theme === neighbour.theme ? 1 : 0;
  const differentNames =
    [...item.names].some((n) => !neighbour.names.has(n)) &&
    [...neighbour.names].some((n) => !item.names.has(n));
  const shared = [...item.subjects].filter((s) => neighbour.subjects.has(s)).length;
  return [
    place.similarity,
    place.nearestSimilarity - place.similarity,
    place.rank / 10,
    jaccard(item.subjects, neighbour.subjects),
    Math.min(3, shared) / 3,
    sameTheme,
    differentNames ? 1 : 0,
    jaccard(item.letters, neighbour.letters),
    meaningOverlap(item.meanings, neighbour.meanings),
    place.similarity * sameTheme,
  ];
}

/** The probability the pair is the same request. */
export function pairProbability(model: PairModel, features: readonly number[]): number {
  let z = model.bias;
  features.forEach((x, k) => {
    z += x * (model.weights[k] ?? 0);
  });
  return 1 / (1 + Math.exp(-z));
}

/**
 * The model's inputs for each of an item's neighbours, in the order given; each neighbour's place
 * (its rank and its gap to the nearest) is taken by similarity, ties by position.
 */
export function neighbourFeatures(
  item: PairText,
  neighbours: readonly { text: PairText; similarity: number }[],
): number[][] {
  const bySimilarity = neighbours
    .map((n, i) => ({ i, s: n.similarity }))
    .sort((a, b) => b.s - a.s || a.i - b.i);
  const rankOf = new Map(bySimilarity.map((x, rank) => [x.i, rank]));
  const nearestSimilarity = bySimilarity[0]?.s ?? 0;
  return neighbours.map((n, i) =>
    pairFeatures(item, n.text, { similarity: n.similarity, nearestSimilarity, rank: rankOf.get(i) ?? 0 }),
  );
}
