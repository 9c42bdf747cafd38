/**
 * Word vectors for the local embedder: a table of common English words (knowledge/feedback/
 * word-vectors.json, from GloVe) turned into one sentence vector per text, so that "MFA" and
 * "two-step verification", or "slow" and "takes ages", land near each other even with no word in
 * common. Smooth inverse frequency weights (rare words count more), then the common direction all
 * sentences share is taken out. Pure once the table is loaded.
 */
export interface WordVectors {
  dimensions: number;
  /** Word → row; rows are in frequency order, most frequent first. */
  rows: ReadonlyMap<string, number>;
  /** rows × dimensions, dequantised. */
  vectors: Float32Array;
  /** The unit direction every sentence vector shares. */
  common: Float32Array;
}

/** SIF's a: how fast frequent words fade. */
const SMOOTHING = 0.001;
/** How much of the common direction is taken out of each sentence vector. */
const COMMON_REMOVED = 0.8;
/** Rows averaged for the common direction. */
const COMMON_ROWS = 20_000;

/** Scales a vector to unit length in place (a zero vector stays zero); returns it. */
export function unit(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm);
  if (norm > 0) for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
  return v;
}

/** Builds the table from its stored form: words, a float32 scale per word and int8 vectors. */
export function decodeWordVectors(
  words: readonly string[],
  dimensions: number,
  scales: Float32Array,
  quantised: Int8Array,
): WordVectors {
  const vectors = new Float32Array(words.length * dimensions);
  for (let i = 0; i < words.length; i++)
    for (let k = 0; k < dimensions; k++)
      vectors[i * dimensions + k] = (quantised[i * dimensions + k] as number) * (scales[i] as number);
  const common = new Float32Array(dimensions);
  const n = Math.min(COMMON_ROWS, words.length);
  for (let i = 0; i < n; i++)
    for (let k = 0; k < dimensions; k++)
      common[k] = (common[k] as number) + (vectors[i * dimensions + k] as number);
  return { dimensions, rows: new Map(words.map((w, i) => [w, i])), vectors, common: unit(common) };
}

/**
 * The unit sentence vector of the words of a text that are in the table and not stop words;
 * all zeros when none is.
 */
export function sentenceVector(
  text: string,
  table: WordVectors,
  stopWords: ReadonlySet<string>,
): Float32Array {
  const { dimensions, rows, vectors } = table;
  const sum = new Float32Array(dimensions);
  const logCount = Math.log(rows.size);
  let found = 0;
  for (const word of text.toLowerCase().match(/[a-z0-9]+(?:-[a-z0-9]+)*/g) ?? []) {
    if (stopWords.has(word)) continue;
    const row = rows.get(word);
    if (row === undefined) continue;
    const probability = 1 / ((row + 10) * logCount); // Zipf's law from the frequency rank
    const weight = SMOOTHING / (SMOOTHING + probability);
    for (let k = 0; k < dimensions; k++)
      sum[k] = (sum[k] as number) + weight * (vectors[row * dimensions + k] as number);
    found++;
  }
  if (found === 0) return sum;
  unit(sum);
  for (let k = 0; k < dimensions; k++)
    sum[k] = (sum[k] as number) - COMMON_REMOVED * (table.common[k] as number);
  return unit(sum);
}
