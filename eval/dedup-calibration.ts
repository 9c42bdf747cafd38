/**
 * Calibrates the dedup threshold of the local embedder on public duplicate pairs
 * (../shared/datasets/dedup: Banking77 train-split intent pairs, gitbugs duplicate bug reports) and
 * measures the chosen threshold once on pairs built from the Banking77 test split (final only).
 * Prints precision / recall / F1 per threshold, on cosine similarity alone and with the subject judge
 * deciding from judge_from up to the threshold (themes from the lexicon tagger, no LLM).
 * Usage: npm run eval:dedup (needs ../shared/datasets).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { packagePath } from '../core/package-root.ts';
import { feedbackLoopSettings } from '../knowledge/feedback-loop.ts';
import { feedbackThemes } from '../knowledge/feedback-themes.ts';
import { judgeSameRequest } from '../tools/feedback/dedup-judge.ts';
import { cosine, hashedEmbedding } from '../tools/feedback/hashed-embedding.ts';
import {
  localEmbeddingVocabulary,
  localThemeClassifier,
  localWordVectors,
} from '../tools/feedback/local-models.ts';
import { tagFeedback } from '../tools/feedback/theme-tagger.ts';

const DATA = packagePath('..', 'shared', 'datasets');
if (!existsSync(DATA)) {
  console.error(`No datasets at ${DATA}: this evaluation needs the shared datasets folder.`);
  process.exit(2);
}
const vocabulary = localEmbeddingVocabulary();
const taxonomy = feedbackThemes();
const wordVectors = localWordVectors();
const embed = (t: string) => hashedEmbedding(t, vocabulary.synonyms, wordVectors);
const judged = (t: string) => ({ text: t, theme: tagFeedback(t, taxonomy, localThemeClassifier()).primary });
const read = (path: string) =>
  parse(readFileSync(join(DATA, path)), { columns: true, relax_quotes: true }) as Record<string, string>[];

interface Pair {
  a: string;
  b: string;
  duplicate: boolean;
}

/** Same request: similarity at or above the threshold, or from `judgeFrom` with the judge's yes. */
function sameRequest(p: Pair, threshold: number, judgeFrom: number): boolean {
  const similarity = cosine(embed(p.a), embed(p.b));
  if (similarity >= threshold) return true;
  return similarity >= judgeFrom && judgeSameRequest(judged(p.a), judged(p.b), vocabulary).same;
}

function prf(pairs: readonly Pair[], threshold: number, judgeFrom = threshold) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pairs) {
    const predicted = sameRequest(p, threshold, judgeFrom);
    if (predicted && p.duplicate) tp++;
    else if (predicted) fp++;
    else if (p.duplicate) fn++;
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const line = (name: string, r: ReturnType<typeof prf>) =>
  `  ${name.padEnd(34)} precision ${pct(r.precision).padStart(6)}  recall ${pct(r.recall).padStart(6)}  F1 ${pct(r.f1).padStart(6)}`;

const banking = read('dedup/banking77_train_intent_pairs.csv').map((r) => ({
  a: r.text_a ?? '',
  b: r.text_b ?? '',
  duplicate: r.is_duplicate === '1',
}));
const gitbugs = ['hadoop', 'seamonkey'].flatMap((p) =>
  read(`dedup/gitbugs/gitbugs_${p}_pairs.csv`).map((r) => ({
    a: `${r.summary_a} ${r.description_a ?? ''}`.slice(0, 2000),
    b: `${r.summary_b} ${r.description_b ?? ''}`.slice(0, 2000),
    duplicate: r.is_duplicate === '1',
  })),
);

console.log(`Dedup calibration, local embedder (${vocabulary.model}), cosine similarity ≥ threshold`);
console.log(`Calibration pairs: Banking77 train ${banking.length}, gitbugs ${gitbugs.length}`);
for (const t of [0.2, 0.3, 0.4, 0.5, 0.6, 0.7]) {
  console.log(`threshold ${t.toFixed(2)}`);
  console.log(line('Banking77 train pairs', prf(banking, t)));
  console.log(line('gitbugs duplicate bug reports', prf(gitbugs, t)));
}

// Final measurement at the configured threshold, on pairs built once from the Banking77 test split.
const { threshold, judge_from: judgeFrom, suggest_from: suggestFrom } = feedbackLoopSettings().dedup;
const test = read('themes/banking77/test.csv');
const byCategory = new Map<string, string[]>();
for (const r of test)
  byCategory.set(r.category ?? '', [...(byCategory.get(r.category ?? '') ?? []), r.text ?? '']);
const categories = [...byCategory.keys()].sort();
const finalPairs: Pair[] = [];
// Deterministic: the i-th and (i+1)-th utterance of a category are a duplicate pair; the i-th of
// two neighbouring categories (alphabetically) are a negative pair.
for (const [c, category] of categories.entries()) {
  const texts = byCategory.get(category) ?? [];
  const other = byCategory.get(categories[(c + 1) % categories.length] ?? '') ?? [];
  for (let i = 0; i + 1 < texts.length && i < 26; i += 2) {
    finalPairs.push({ a: texts[i] ?? '', b: texts[i + 1] ?? '', duplicate: true });
    if (other[i]) finalPairs.push({ a: texts[i] ?? '', b: other[i] ?? '', duplicate: false });
  }
}
console.log(`\nChosen threshold ${threshold} (knowledge/feedback/loop.json), cosine alone:`);
console.log(line('Banking77 train pairs', prf(banking, threshold)));
console.log(line('gitbugs duplicate bug reports', prf(gitbugs, threshold)));
console.log(line(`Banking77 test split, final (${finalPairs.length})`, prf(finalPairs, threshold)));
console.log(`With the subject judge from ${judgeFrom} up to ${threshold} (what the loop runs):`);
console.log(line('Banking77 train pairs', prf(banking, threshold, judgeFrom)));
console.log(line('gitbugs duplicate bug reports', prf(gitbugs, threshold, judgeFrom)));
console.log(
  line(`Banking77 test split, final (${finalPairs.length})`, prf(finalPairs, threshold, judgeFrom)),
);
console.log(`Merged or shown to people as a possible duplicate (similarity ≥ suggest_from ${suggestFrom}):`);
console.log(line(`Banking77 test split, final (${finalPairs.length})`, prf(finalPairs, suggestFrom)));
