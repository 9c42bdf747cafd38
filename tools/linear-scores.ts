/**
 * The arithmetic the local classifiers share (intents, themes, signals): class scores summed from
 * weight blocks stored row-major (feature × class), and the softmax that turns scores into
 * probabilities. Pure.
 */
type Scores = Float32Array | Float64Array;

/** Adds each known feature's row of weights to the class scores; `rowOf` gives a feature's row, or undefined. */
export function addFeatureRows(
  scores: Scores,
  features: Iterable<string>,
  rowOf: (feature: string) => number | undefined,
  weights: Float32Array,
): void {
  const k = scores.length;
  for (const feature of features) {
    const row = rowOf(feature);
    if (row === undefined) continue;
    for (let c = 0; c < k; c++) scores[c] = (scores[c] as number) + (weights[row * k + c] as number);
  }
}

/** Adds a dense vector times its weights (dimension × class) to the class scores. */
export function addDenseRows(scores: Scores, values: Float32Array, weights: Float32Array): void {
  const k = scores.length;
  for (let d = 0; d < values.length; d++) {
    const x = values[d] as number;
    if (x !== 0)
      for (let c = 0; c < k; c++) scores[c] = (scores[c] as number) + x * (weights[d * k + c] as number);
  }
}

/** The position of an item in a list as a row, or undefined when it is not there. */
export const rowIn =
  (list: readonly string[]) =>
  (item: string): number | undefined => {
    const row = list.indexOf(item);
    return row >= 0 ? row : undefined;
  };

/** Scores to probabilities in place (divided by `temperature` first); returns the same array. */
export function softmax<S extends Scores>(scores: S, temperature = 1): S {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < scores.length; c++) max = Math.max(max, (scores[c] as number) / temperature);
  let sum = 0;
  for (let c = 0; c < scores.length; c++) {
    scores[c] = Math.exp((scores[c] as number) / temperature - max);
    sum += scores[c] as number;
  }
  for (let c = 0; c < scores.length; c++) scores[c] = (scores[c] as number) / sum;
  return scores;
}
