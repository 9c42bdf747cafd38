import type { WordVectors } from '../feedback/word-vectors.ts';
import { type IntentFeatures, intentFeatures } from './intent-features.ts';

/** A softmax classifier over intent features: one weight per feature and class, a bias per class. */
export interface IntentModel {
  version: string;
  /** The classes: question intents and `unknown` (out of scope). */
  intents: readonly string[];
  vocabulary: ReadonlyMap<string, number>;
  /** Row-major: feature × class. */
  weights: Float32Array;
  /** Row-major: sentence-vector dimension × class. */
  dense: Float32Array;
  bias: Float32Array;
  /** Logits are divided by it before the softmax (calibrated on the dev split). */
  temperature: number;
}

/** The probability of each class for a set of features (known features only), in the model's class order. Pure. */
export function classProbabilities(
  features: IntentFeatures,
  model: IntentModel,
  temperature = 1,
): Float64Array {
  const k = model.intents.length;
  const logits = new Float64Array(k);
  for (let c = 0; c < k; c++) logits[c] = model.bias[c] as number;
  for (const f of features.lexical) {
    const row = model.vocabulary.get(f);
    if (row === undefined) continue;
    for (let c = 0; c < k; c++) logits[c] = (logits[c] as number) + (model.weights[row * k + c] as number);
  }
  for (let d = 0; d < features.dense.length; d++) {
    const x = features.dense[d] as number;
    if (x !== 0)
      for (let c = 0; c < k; c++) logits[c] = (logits[c] as number) + x * (model.dense[d * k + c] as number);
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < k; c++) max = Math.max(max, (logits[c] as number) / temperature);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    logits[c] = Math.exp((logits[c] as number) / temperature - max);
    sum += logits[c] as number;
  }
  for (let c = 0; c < k; c++) logits[c] = (logits[c] as number) / sum;
  return logits;
}

export interface IntentScore {
  intent: string;
  probability: number;
}

/** Every class with its calibrated probability for a probe, most likely first. Pure. */
export function rankIntents(probe: string, model: IntentModel, vectors: WordVectors): IntentScore[] {
  const p = classProbabilities(intentFeatures(probe, vectors), model, model.temperature);
  return model.intents
    .map((intent, c) => ({ intent, probability: p[c] as number }))
    .sort((a, b) => b.probability - a.probability);
}
