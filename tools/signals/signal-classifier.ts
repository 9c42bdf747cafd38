import type { Sensitivity, SignalKind } from '../../knowledge/customer-signals.ts';
import { STOP_WORDS } from '../feedback/hashed-embedding.ts';
import { sentenceVector, type WordVectors } from '../feedback/word-vectors.ts';
import { addDenseRows, addFeatureRows, rowIn } from '../linear-scores.ts';
import { firedCues, normaliseSignalText, type SignalCues, signalWords } from './signal-text.ts';

/**
 * The signal detector: one logistic regression per signal kind (a text may carry several) over
 * three kinds of feature, trained on the project's labelled corpus (scripts/train-signal-classifier.ts):
 * - the text's words and word pairs (negations and pronouns kept: "will not renew" is the signal);
 * - its sentence vector from the word-vector table, so unseen wordings land near known ones;
 * - the cues of knowledge/signals/signals.json, one feature per kind, and a competitor's name.
 * Each kind's probability is compared with its threshold at the team's sensitivity.
 */
export interface SignalModel {
  version: string;
  kinds: readonly SignalKind[];
  vocabulary: ReadonlyMap<string, number>;
  denseDimensions: number;
  cueFeatures: readonly string[];
  /** vocabulary × kinds. */
  lexical: Float32Array;
  /** dense × kinds. */
  dense: Float32Array;
  /** cue features × kinds. */
  cues: Float32Array;
  bias: Float32Array;
  thresholds: Record<Sensitivity, Partial<Record<SignalKind, number>>>;
}

export interface SignalInputs {
  wordVectors: WordVectors;
  cues: SignalCues;
}

export interface SignalFeatures {
  lexical: string[];
  dense: Float32Array;
  cues: string[];
}

/** The features of one text. */
export function signalFeatures(text: string, inputs: SignalInputs): SignalFeatures {
  const normalised = normaliseSignalText(text);
  const words = signalWords(normalised);
  const lexical = new Set<string>();
  words.forEach((word, i) => {
    lexical.add(`w:${word}`);
    const next = words[i + 1];
    if (next) lexical.add(`b:${word} ${next}`);
  });
  if (/\?\s*$/.test(text.trim())) lexical.add('p:question-mark');
  if (/!/.test(text)) lexical.add('p:exclamation');
  return {
    lexical: [...lexical],
    dense: sentenceVector(normalised, inputs.wordVectors, STOP_WORDS),
    cues: firedCues(normalised, inputs.cues),
  };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Each kind's probability for the features, in the model's kind order. */
export function signalProbabilities(features: SignalFeatures, model: SignalModel): Float32Array {
  const scores = Float32Array.from(model.bias);
  addFeatureRows(scores, features.lexical, (f) => model.vocabulary.get(f), model.lexical);
  addDenseRows(scores, features.dense, model.dense);
  addFeatureRows(scores, features.cues, rowIn(model.cueFeatures), model.cues);
  return scores.map(sigmoid);
}

export interface DetectedSignal {
  kind: SignalKind;
  /** The model's probability, 0–1, rounded to three decimals. */
  confidence: number;
}

/** The signals a text carries at a sensitivity: every kind at or over its threshold, most likely first. */
export function detectSignals(
  text: string,
  model: SignalModel,
  inputs: SignalInputs,
  sensitivity: Sensitivity,
): DetectedSignal[] {
  if (text.trim() === '') return [];
  const p = signalProbabilities(signalFeatures(text, inputs), model);
  const thresholds = model.thresholds[sensitivity];
  return model.kinds
    .map((kind, c) => ({ kind, confidence: Math.round((p[c] as number) * 1000) / 1000 }))
    .filter((s, c) => (p[c] as number) >= (thresholds[s.kind] ?? 0.5))
    .sort((a, b) => b.confidence - a.confidence || a.kind.localeCompare(b.kind));
}
