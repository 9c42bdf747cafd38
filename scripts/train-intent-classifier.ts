/**
 * Trains the intent model (tools/intent/intent-classifier.ts) on the train split of
 * eval/parse/corpus/corpus.tsv, calibrates its temperature and the reading thresholds on the dev
 * split, reports the held-out split once, and writes knowledge/intents/classifier.json. The
 * fresh sets (eval/parse/fresh-*) are never read. Deterministic: minibatch Adam from zeros in a
 * fixed order.
 *
 * Each line is read as the bot reads it: the rules parse it against the demo's accounts and the
 * model sees their probe (the account's name masked).
 *
 * Usage: npx tsx scripts/train-intent-classifier.ts [--epochs 15] [--l2 0.002] [--dry-run] [--errors]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { ParsedIntent } from '../commands/intent.ts';
import { combineReadings, type ReadingThresholds } from '../commands/parse/combine-readings.ts';
import { COMMANDS } from '../commands/registry.ts';
import { accountLexicon, parseMessage } from '../commands/router.ts';
import { loadConfig } from '../core/config.ts';
import { packagePath } from '../core/package-root.ts';
import { EVAL_AS_OF, withEvalDemo } from '../eval/eval-demo.ts';
import { localWordVectors } from '../tools/feedback/local-models.ts';
import { classProbabilities, type IntentModel } from '../tools/intent/intent-classifier.ts';
import { type IntentFeatures, intentFeatures } from '../tools/intent/intent-features.ts';
import { adamStep, frequentFeatures, type Moments, numberOption } from './training.ts';

const arg = numberOption;
const EPOCHS = arg('--epochs', 15);
const L2 = arg('--l2', 0.002);
const RATE = 0.02;
const BATCH = 32;
const MIN_COUNT = 2;
const AS_OF = EVAL_AS_OF;

interface Example {
  intent: string;
  split: string;
  text: string;
  parsed: ParsedIntent;
  features: IntentFeatures;
}

const intents = [...COMMANDS.filter((c) => c.examples.length > 0).map((c) => c.intent), 'unknown'];
const takesAccount = (intent: string) => COMMANDS.find((c) => c.intent === intent)?.account === 'required';

const vectors = localWordVectors();
const dims = vectors.dimensions;
const examples: Example[] = await withEvalDemo(async (db) => {
  const lexicon = await accountLexicon(db);
  return readFileSync(packagePath('eval', 'parse', 'corpus', 'corpus.tsv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const [intent, , split, , text] = l.split('\t') as [string, string, string, string, string];
      if (!intents.includes(intent)) throw new Error(`corpus: unknown intent ${intent}`);
      const parsed = parseMessage(text, { today: AS_OF, accounts: lexicon });
      return {
        intent,
        split,
        text,
        parsed,
        features: intentFeatures(parsed.reading?.probe ?? text, vectors),
      };
    });
}, loadConfig({}));

const part = (s: string) => examples.filter((e) => e.split === s);
const train = part('train');
const dev = part('dev');
const heldOut = part('held_out');

const words = frequentFeatures(train, MIN_COUNT);
const k = intents.length;
const model: IntentModel = {
  version: 'intents-corpus-2026-1',
  intents,
  vocabulary: new Map(words.map((w, i) => [w, i])),
  weights: new Float32Array(words.length * k),
  dense: new Float32Array(dims * k),
  bias: new Float32Array(k),
  temperature: 1,
};

/** Minibatch Adam on the softmax cross-entropy with L2 on the weights. */
function fitModel(): void {
  const blocks = [model.weights, model.bias, model.dense];
  const moments = blocks.map((b) => ({ m: new Float32Array(b.length), v: new Float32Array(b.length) }));
  let step = 0;
  for (let epoch = 1; epoch <= EPOCHS; epoch++) {
    // A fixed, epoch-dependent order: deterministic, yet not the file's order.
    const order = train
      .map((_, i) => i)
      .sort((a, b) => ((a * 7919 + epoch * 104729) % 1009) - ((b * 7919 + epoch * 104729) % 1009) || a - b);
    for (let start = 0; start < order.length; start += BATCH) {
      const batch = order.slice(start, start + BATCH).map((i) => train[i] as Example);
      const gW = new Map<number, number>();
      const gB = new Float32Array(k);
      const gD = new Float32Array(dims * k);
      for (const e of batch) {
        const p = classProbabilities(e.features, model);
        const y = intents.indexOf(e.intent);
        for (let c = 0; c < k; c++) {
          const d = ((p[c] as number) - (c === y ? 1 : 0)) / batch.length;
          gB[c] = (gB[c] as number) + d;
          for (let j = 0; j < dims; j++)
            gD[j * k + c] = (gD[j * k + c] as number) + d * (e.features.dense[j] as number);
          for (const f of e.features.lexical) {
            const row = model.vocabulary.get(f);
            if (row !== undefined) gW.set(row * k + c, (gW.get(row * k + c) ?? 0) + d);
          }
        }
      }
      step++;
      const update = (block: Float32Array, b: number, i: number, g: number) =>
        adamStep(block, moments[b] as Moments, i, g, RATE, step);
      for (const [i, g] of gW) update(model.weights, 0, i, g + L2 * (model.weights[i] as number));
      for (let c = 0; c < k; c++) update(model.bias, 1, c, gB[c] as number);
      for (let i = 0; i < gD.length; i++)
        update(model.dense, 2, i, (gD[i] as number) + L2 * (model.dense[i] as number));
    }
  }
}

const accuracy = (set: readonly Example[]) =>
  set.filter((e) => {
    const p = classProbabilities(e.features, model);
    let best = 0;
    for (let c = 1; c < k; c++) if ((p[c] as number) > (p[best] as number)) best = c;
    return intents[best] === e.intent;
  }).length / set.length;

/** The temperature that minimises the dev split's negative log-likelihood. */
function calibrate(): number {
  const nll = (t: number) =>
    dev.reduce(
      (sum, e) =>
        sum -
        Math.log(
          Math.max(1e-12, classProbabilities(e.features, model, t)[intents.indexOf(e.intent)] as number),
        ),
      0,
    );
  const grid = Array.from({ length: 60 }, (_, i) => 0.3 + i * 0.05);
  return grid.reduce((best, t) => (nll(t) < nll(best) ? t : best), 1);
}

/** The combined reading of a set: right, asked back (with the right one among the readings), or wrong. */
function combined(set: readonly Example[], thresholds: ReadingThresholds) {
  let right = 0;
  let askedRight = 0;
  let wrong = 0;
  let cannot = 0;
  for (const e of set) {
    const p = classProbabilities(e.features, model, model.temperature);
    const ranked = intents
      .map((intent, c) => ({ intent, probability: p[c] as number }))
      .sort((a, b) => b.probability - a.probability);
    const r = combineReadings(e.parsed, ranked, thresholds, takesAccount);
    if (r.intent === e.intent) right++;
    else if (r.readings?.some((x) => x.intent === e.intent)) askedRight++;
    else if (r.intent === 'unknown' && !r.readings && e.intent !== 'unknown') cannot++;
    else wrong++;
  }
  return { right, askedRight, wrong, cannot, n: set.length };
}

fitModel();
model.temperature = calibrate();
// Thresholds: on the dev split, the accept level with the fewest wrong answers for the most right
// ones (a wrong answer costs three right ones), and the close level that turns most "cannot"
// into an ask-back that holds the right reading.
let best = { accept: 0.5, close: 0.15, override: 1.01, score: Number.NEGATIVE_INFINITY };
for (const override of [0.8, 0.9, 0.95, 0.99, 1.01])
  for (let a = 0.3; a <= 0.9001; a += 0.05)
    for (let c = 0.05; c < a; c += 0.05) {
      const r = combined(dev, { accept: a, close: c, override });
      const score = r.right + 0.5 * r.askedRight - 3 * r.wrong - r.cannot;
      if (score > best.score)
        best = { accept: Math.round(a * 100) / 100, close: Math.round(c * 100) / 100, override, score };
    }
const thresholds: ReadingThresholds = { accept: best.accept, close: best.close, override: best.override };
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(
  `corpus: train ${train.length}, dev ${dev.length}, held-out ${heldOut.length}; ${words.length} features, ${k} classes`,
);
console.log(
  `model alone: train ${pct(accuracy(train))}, dev ${pct(accuracy(dev))}, held-out ${pct(accuracy(heldOut))}`,
);
console.log(
  `temperature ${model.temperature.toFixed(2)}; thresholds accept ${thresholds.accept}, close ${thresholds.close}, override ${thresholds.override}`,
);
for (const [name, set] of [
  ['dev', dev],
  ['held-out', heldOut],
] as const) {
  const rules = set.filter((e) => e.parsed.intent === e.intent).length;
  const r = combined(set, thresholds);
  console.log(
    `${name}: rules alone ${pct(rules / set.length)}; rules + model ${pct(r.right / r.n)} right, ${pct(r.askedRight / r.n)} asked back with the right reading, ${pct(r.wrong / r.n)} wrong, ${pct(r.cannot / r.n)} "I can't answer"`,
  );
}
if (process.argv.includes('--errors'))
  for (const e of dev) {
    const p = classProbabilities(e.features, model, model.temperature);
    let b = 0;
    for (let c = 1; c < k; c++) if ((p[c] as number) > (p[b] as number)) b = c;
    if (intents[b] !== e.intent)
      console.log(
        `  ${e.intent} → ${intents[b]} (${(p[b] as number).toFixed(2)}): ${e.text} | ${e.parsed.reading?.probe}`,
      );
  }
if (!process.argv.includes('--dry-run')) {
  const round = (x: number) => Math.round(x * 10000) / 10000;
  const file = {
    version: model.version,
    note: 'Trained by scripts/train-intent-classifier.ts on eval/parse/corpus/corpus.tsv (train split); temperature and thresholds from its dev split.',
    intents,
    vocabulary: words,
    weights: [...model.weights].map(round),
    dense_dimensions: dims,
    dense: [...model.dense].map(round),
    bias: [...model.bias].map(round),
    temperature: Math.round(model.temperature * 100) / 100,
    thresholds,
  };
  writeFileSync(packagePath('knowledge', 'intents', 'classifier.json'), `${JSON.stringify(file)}\n`);
  console.log('wrote knowledge/intents/classifier.json');
}
