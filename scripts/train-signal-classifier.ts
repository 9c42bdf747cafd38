/**
 * Trains the customer-signal detector (tools/signals/signal-classifier.ts) on the train split of
 * eval/signals/corpus/corpus.tsv (and the feedback corpus's train split where its theme is a signal), calibrates each kind's threshold per sensitivity on the dev split,
 * and writes knowledge/signals/classifier.json. The fresh sets (eval/signals/fresh-*) are never
 * read here. Deterministic: full-batch Adam from zeros.
 *
 * Thresholds, per kind, on the dev split: balanced maximises F1; conservative is the lowest
 * threshold reaching 0.9 precision (else balanced + 0.15); aggressive the highest reaching 0.9
 * recall (else balanced − 0.15), never below 0.1.
 *
 * Usage: npx tsx scripts/train-signal-classifier.ts [--epochs 300] [--l2 0.0005] [--dry-run]
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.ts';
import { type LabelledText, loadLabelledSignals, scoreSignals, signalTable } from '../eval/signals-eval.ts';
import {
  SENSITIVITIES,
  type Sensitivity,
  SIGNAL_KINDS,
  type SignalKind,
  signalSettings,
} from '../knowledge/customer-signals.ts';
import { localWordVectors } from '../tools/feedback/local-models.ts';
import {
  detectSignals,
  type SignalFeatures,
  type SignalInputs,
  type SignalModel,
  signalFeatures,
  signalProbabilities,
} from '../tools/signals/signal-classifier.ts';
import { compileCues } from '../tools/signals/signal-text.ts';
import { adamStep, frequentFeatures, numberOption } from './training.ts';

const arg = numberOption;
const EPOCHS = arg('--epochs', 300);
const L2 = arg('--l2', 0.002);
const RATE = 0.05;
const MIN_COUNT = arg('--min-count', 2);

const inputs: SignalInputs = { wordVectors: localWordVectors(), cues: compileCues(signalSettings()) };
const corpusPath = packagePath('eval', 'signals', 'corpus', 'corpus.tsv');
const kinds = [...SIGNAL_KINDS];
const CUE_FEATURES = [...SIGNAL_KINDS.map((k) => `cue:${k}`), 'cue:vendor'];

interface Example {
  features: SignalFeatures;
  labels: Set<SignalKind>;
}
const toExample = (t: LabelledText): Example => ({
  features: signalFeatures(t.text, inputs),
  labels: new Set(t.labels),
});
/** The feedback corpus's train split, where its theme is one of the signals (bug, request, praise, churn intent). */
const THEME_SIGNAL: Record<string, SignalKind> = {
  bug: 'bug',
  performance: 'bug',
  feature_request: 'request',
  integration: 'request',
  praise: 'praise',
  churn_intent: 'churn_intent',
};
const feedbackTexts: LabelledText[] = readFileSync(
  packagePath('eval', 'feedback', 'corpus', 'corpus.tsv'),
  'utf8',
)
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t'))
  .filter((c) => c[1] === 'train' && c[2] !== undefined && c[2] in THEME_SIGNAL)
  .map((c) => ({
    labels: [THEME_SIGNAL[c[2] as string] as SignalKind],
    source: 'feedback',
    text: c[5] ?? '',
  }));
/** The hand-written lines (eval/signals/corpus/handwritten.tsv): every fourth is dev. */
const handwritten = loadLabelledSignals(packagePath('eval', 'signals', 'corpus', 'handwritten.tsv'));
const trainTexts = [
  ...loadLabelledSignals(corpusPath, 'train'),
  ...feedbackTexts,
  ...handwritten.filter((_, i) => i % 4 !== 0),
];
const devTexts = [...loadLabelledSignals(corpusPath, 'dev'), ...handwritten.filter((_, i) => i % 4 === 0)];
const train = trainTexts.map(toExample);
const dev = devTexts.map(toExample);

const words = frequentFeatures(train, MIN_COUNT);
const k = kinds.length;
const dims = inputs.wordVectors.dimensions;
const model: SignalModel = {
  // A new revision makes the daily run read every customer text again with the new weights.
  version: 'signals-corpus-2026-2',
  kinds,
  vocabulary: new Map(words.map((w, i) => [w, i])),
  denseDimensions: dims,
  cueFeatures: CUE_FEATURES,
  lexical: new Float32Array(words.length * k),
  dense: new Float32Array(dims * k),
  cues: new Float32Array(CUE_FEATURES.length * k),
  bias: new Float32Array(k),
  thresholds: { conservative: {}, balanced: {}, aggressive: {} },
};

/** One epoch of full-batch Adam on the summed per-kind logistic losses (positives weighted up to balance). */
function fitModel(): void {
  const blocks = [model.lexical, model.dense, model.cues, model.bias];
  const moments = blocks.map((b) => ({ m: new Float32Array(b.length), v: new Float32Array(b.length) }));
  const positives = kinds.map((kind) => train.filter((e) => e.labels.has(kind)).length);
  const weight = positives.map((p) => Math.min(5, Math.max(1, (train.length - p) / Math.max(1, p) / 3)));
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    const grads = blocks.map((b) => new Float32Array(b.length));
    const [gLex, gDense, gCue, gBias] = grads as [Float32Array, Float32Array, Float32Array, Float32Array];
    for (const e of train) {
      const p = signalProbabilities(e.features, model);
      for (let c = 0; c < k; c++) {
        const y = e.labels.has(kinds[c] as SignalKind) ? 1 : 0;
        const d = (((p[c] as number) - y) * (y === 1 ? (weight[c] as number) : 1)) / train.length;
        gBias[c] = (gBias[c] as number) + d;
        for (const f of e.features.lexical) {
          const row = model.vocabulary.get(f);
          if (row !== undefined) gLex[row * k + c] = (gLex[row * k + c] as number) + d;
        }
        for (let j = 0; j < dims; j++)
          gDense[j * k + c] = (gDense[j * k + c] as number) + d * (e.features.dense[j] as number);
        for (const cue of e.features.cues) {
          const row = CUE_FEATURES.indexOf(cue);
          gCue[row * k + c] = (gCue[row * k + c] as number) + d;
        }
      }
    }
    blocks.forEach((block, b) => {
      const g = grads[b] as Float32Array;
      const { m, v } = moments[b] as { m: Float32Array; v: Float32Array };
      for (let i = 0; i < block.length; i++)
        adamStep(
          block,
          { m, v },
          i,
          (g[i] as number) + (b >= 2 ? 0 : L2 * (block[i] as number)),
          RATE,
          epoch,
        );
    });
    if (epoch % 100 === 0) console.log(`epoch ${epoch}`);
  }
}

/** Each kind's thresholds per sensitivity, from its dev-split probabilities. */
function calibrate(): void {
  const probabilities = dev.map((e) => signalProbabilities(e.features, model));
  kinds.forEach((kind, c) => {
    const at = (t: number) => {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      dev.forEach((e, i) => {
        const hit = (probabilities[i]?.[c] as number) >= t;
        const truth = e.labels.has(kind);
        if (hit && truth) tp++;
        else if (hit) fp++;
        else if (truth) fn++;
      });
      const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
      const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
      return {
        precision,
        recall,
        f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
      };
    };
    const grid = Array.from({ length: 89 }, (_, i) => Math.round((0.06 + i * 0.01) * 100) / 100);
    const balanced = grid.reduce((best, t) => (at(t).f1 > at(best).f1 + 1e-9 ? t : best), 0.5);
    const conservative =
      grid.find((t) => t >= balanced && at(t).precision >= 0.9) ?? Math.min(0.95, balanced + 0.15);
    const aggressive =
      [...grid].reverse().find((t) => t <= balanced && at(t).recall >= 0.9) ?? Math.max(0.1, balanced - 0.15);
    model.thresholds.balanced[kind] = balanced;
    model.thresholds.conservative[kind] = conservative;
    model.thresholds.aggressive[kind] = Math.max(0.1, aggressive);
  });
}

fitModel();
calibrate();
const dev2 = Object.fromEntries(
  SENSITIVITIES.map((s: Sensitivity) => {
    const scores = scoreSignals(devTexts, (text) => detectSignals(text, model, inputs, s).map((x) => x.kind));
    console.log(`\n${s} (dev split, ${devTexts.length} texts):\n${signalTable(scores)}`);
    return [s, scores.kinds.map((x) => ({ kind: x.kind, precision: x.precision, recall: x.recall }))];
  }),
);
console.log(`\ntrained on ${train.length} texts, ${words.length} lexical features`);
if (!process.argv.includes('--dry-run')) {
  const round = (a: Float32Array) => Array.from(a, (x) => Math.round(x * 1e4) / 1e4);
  writeFileSync(
    process.env.SIGNAL_OUT ?? packagePath('knowledge', 'signals', 'classifier.json'),
    `${JSON.stringify({
      version: model.version,
      note: 'Written by scripts/train-signal-classifier.ts from eval/signals/corpus/corpus.tsv (train split; thresholds from the dev split). Do not edit by hand.',
      kinds,
      vocabulary: words,
      dense_dimensions: dims,
      cue_features: CUE_FEATURES,
      lexical: round(model.lexical),
      dense: round(model.dense),
      cues: round(model.cues),
      bias: round(model.bias),
      thresholds: model.thresholds,
      dev: dev2,
    })}\n`,
  );
  console.log('wrote knowledge/signals/classifier.json');
}
