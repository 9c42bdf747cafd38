import { type StoredIntentModel, storedIntentModel } from '../../knowledge/intent-model.ts';
import { localWordVectors } from '../feedback/local-models.ts';
import { type IntentModel, type IntentScore, rankIntents } from './intent-classifier.ts';

type ReadingThresholdsStored = StoredIntentModel['thresholds'];

let model: { value: IntentModel; thresholds: ReadingThresholdsStored } | undefined;

/** The shipped intent model and its thresholds, built once per process, only when a message needs it. */
export function localIntentModel(): { value: IntentModel; thresholds: ReadingThresholdsStored } {
  if (!model) {
    const file = storedIntentModel();
    model = {
      value: {
        version: file.version,
        intents: file.intents,
        vocabulary: new Map(file.vocabulary.map((w, i) => [w, i])),
        weights: Float32Array.from(file.weights),
        dense: Float32Array.from(file.dense),
        bias: Float32Array.from(file.bias),
        temperature: file.temperature,
      },
      thresholds: file.thresholds,
    };
  }
  return model;
}

/** Every intent with the shipped model's probability for a probe, most likely first. */
export function rankWithLocalModel(probe: string): IntentScore[] {
  return rankIntents(probe, localIntentModel().value, localWordVectors());
}
