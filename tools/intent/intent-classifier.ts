import type { WordVectors } from '../feedback/word-vectors.ts';
import { addDenseRows, addFeatureRows, softmax } from '../linear-scores.ts';
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
  const logits = Float64Array.from(model.bias);
  addFeatureRows(logits, features.lexical, (f) => model.vocabulary.get(f), model.weights);
  addDenseRows(logits, features.dense, model.dense);
  return softmax(logits, temperature);
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
