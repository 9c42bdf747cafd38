/**
 * Trains the theme classifier (tools/feedback/theme-classifier.ts) on the train split of the
 * labelled corpus (eval/feedback/corpus/corpus.tsv) and the main labelled set, reports accuracy
 * on the corpus's held-out split, and writes knowledge/feedback/theme-classifier.json. The fresh
 * sets (eval/feedback/fresh-*) are never read here. Deterministic: full-batch Adam from zeros.
 *
 * Usage: npx tsx scripts/train-feedback-classifier.ts [--epochs 400] [--l2 0.0005] [--dry-run]
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { packagePath } from '../core/package-root.ts';
import { loadLabelledFeedback } from '../eval/feedback-eval.ts';
import { feedbackThemes, THEME_IDS, type ThemeId, themeEntry } from '../knowledge/feedback-themes.ts';
import { localEmbeddingVocabulary, localWordVectors } from '../tools/feedback/local-models.ts';
import {
  type ClassifierInputs,
  type TextFeatures,
  type ThemeClassifierModel,
  textFeatures,
  themeProbabilities,
  themeVerdict,
} from '../tools/feedback/theme-classifier.ts';
import { adamStep, frequentFeatures, numberOption } from './training.ts';

const arg = numberOption;
const EPOCHS = arg('--epochs', 300);
const L2 = arg('--l2', 0.0005);
const RATE = 0.05;
const MIN_COUNT = arg('--min-count', 5);

interface Example {
  features: TextFeatures;
  label: number;
}

const taxonomy = feedbackThemes();
const inputs: ClassifierInputs = {
  synonyms: localEmbeddingVocabulary().synonyms,
  wordVectors: localWordVectors(),
  taxonomy,
};
const themes = [...THEME_IDS];

const corpus = readFileSync(packagePath('eval', 'feedback', 'corpus', 'corpus.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((l) => l.split('\t'))
  .map(([, split, theme, , , text]) => ({
    split: split as string,
    theme: theme as ThemeId,
    text: text as string,
  }));
const trainTexts = [
  ...corpus.filter((r) => r.split === 'train'),
  ...loadLabelledFeedback('main').map((i) => ({ theme: i.theme, text: i.text })),
];
const heldOutTexts = corpus.filter((r) => r.split === 'held-out');
const toExample = (r: { theme: ThemeId; text: string }): Example => ({
  features: textFeatures(r.text, inputs),
  label: themes.indexOf(r.theme),
});
const train = trainTexts.map(toExample);
const heldOut = heldOutTexts.map(toExample);

const words = frequentFeatures(train, MIN_COUNT);
const vocabulary = new Map(words.map((w, i) => [w, i]));
const t = themes.length;
const dims = train[0]?.features.dense.length ?? 0;
const model: ThemeClassifierModel = {
  version: 'corpus-v1',
  themes,
  vocabulary,
  lexical: new Float32Array(words.length * t),
  dense: new Float32Array(dims * t),
  lexicon: new Float32Array(t * t),
  bias: new Float32Array(t),
};

/** Adam state per parameter block. */
const blocks = [model.lexical, model.dense, model.lexicon, model.bias];
const moments = blocks.map((b) => ({ m: new Float32Array(b.length), v: new Float32Array(b.length) }));

for (let epoch = 1; epoch <= EPOCHS; epoch++) {
  const grads = blocks.map((b) => new Float32Array(b.length));
  const [gLex, gDense, gLexicon, gBias] = grads as [Float32Array, Float32Array, Float32Array, Float32Array];
  for (const e of train) {
    const p = themeProbabilities(e.features, model);
    for (let c = 0; c < t; c++) {
      const d = ((p[c] as number) - (c === e.label ? 1 : 0)) / train.length;
      gBias[c] = (gBias[c] as number) + d;
      for (const f of e.features.lexical) {
        const row = vocabulary.get(f);
        if (row !== undefined) gLex[row * t + c] = (gLex[row * t + c] as number) + d;
      }
      for (let k = 0; k < dims; k++)
        gDense[k * t + c] = (gDense[k * t + c] as number) + d * (e.features.dense[k] as number);
      for (const theme of e.features.lexicon) {
        const row = themes.indexOf(theme);
        gLexicon[row * t + c] = (gLexicon[row * t + c] as number) + d;
      }
    }
  }
  blocks.forEach((block, b) => {
    const g = grads[b] as Float32Array;
    const { m, v } = moments[b] as { m: Float32Array; v: Float32Array };
    for (let i = 0; i < block.length; i++)
      adamStep(block, { m, v }, i, (g[i] as number) + (b === 3 ? 0 : L2 * (block[i] as number)), RATE, epoch);
  });
  if (epoch % 100 === 0 || epoch === EPOCHS) console.log(`epoch ${epoch}: held-out ${report(heldOut)}`);
}

function report(examples: readonly Example[]): string {
  let theme = 0;
  let owner = 0;
  for (const e of examples) {
    const verdict = themeVerdict(
      themeProbabilities(e.features, model),
      model,
      (id) => themeEntry(taxonomy, id).owner,
    );
    const truth = themes[e.label] as ThemeId;
    if (verdict.primary === truth) theme++;
    if (verdict.owner === themeEntry(taxonomy, truth).owner) owner++;
  }
  const pct = (n: number) => `${((n / examples.length) * 100).toFixed(1)}%`;
  return `themes ${pct(theme)}, owners ${pct(owner)} (${examples.length} items)`;
}

console.log(`trained on ${train.length} items, ${words.length} lexical features; train ${report(train)}`);
if (!process.argv.includes('--dry-run')) {
  const round = (a: Float32Array) => Array.from(a, (x) => Math.round(x * 1e4) / 1e4);
  writeFileSync(
    packagePath('knowledge', 'feedback', 'theme-classifier.json'),
    `${JSON.stringify({
      version: model.version,
      note: 'Written by scripts/train-feedback-classifier.ts from eval/feedback/corpus (train split) and eval/feedback/items.tsv + singles.tsv. Do not edit by hand.',
      themes,
      vocabulary: words,
      lexical: round(model.lexical),
      dense: round(model.dense),
      lexicon: round(model.lexicon),
      bias: round(model.bias),
    })}\n`,
  );
  console.log('wrote knowledge/feedback/theme-classifier.json');
}
