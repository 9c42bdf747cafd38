import {
  type StoredSignalClassifier,
  signalSettings,
  storedSignalClassifier,
} from '../../knowledge/customer-signals.ts';
import { localWordVectors } from '../feedback/local-models.ts';
import type { SignalInputs, SignalModel } from './signal-classifier.ts';
import { compileCues } from './signal-text.ts';

/** A stored classifier as the detector reads it. */
export function signalModelFrom(file: StoredSignalClassifier): SignalModel {
  return {
    version: file.version,
    kinds: file.kinds,
    vocabulary: new Map(file.vocabulary.map((w, i) => [w, i])),
    denseDimensions: file.dense_dimensions,
    cueFeatures: file.cue_features,
    lexical: Float32Array.from(file.lexical),
    dense: Float32Array.from(file.dense),
    cues: Float32Array.from(file.cues),
    bias: Float32Array.from(file.bias),
    thresholds: file.thresholds,
  };
}

let model: SignalModel | undefined;
let inputs: { settings: unknown; value: SignalInputs } | undefined;

/** The shipped detector, built once per process. */
export function localSignalModel(): SignalModel {
  model ??= signalModelFrom(storedSignalClassifier());
  return model;
}

/** What the detector reads besides its weights: the word vectors and the team's cues (rebuilt when the settings change). */
export function localSignalInputs(): SignalInputs {
  const settings = signalSettings();
  if (inputs?.settings !== settings)
    inputs = { settings, value: { wordVectors: localWordVectors(), cues: compileCues(settings) } };
  return inputs.value;
}
