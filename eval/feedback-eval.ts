import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packagePath } from '../core/package-root.ts';
import { processFeedback } from '../jobs/process-feedback.ts';
import { type FeedbackLoopSettings, feedbackLoopSettings } from '../knowledge/feedback-loop.ts';
import { feedbackThemes, type ThemeId, themeEntry } from '../knowledge/feedback-themes.ts';
import { localEmbedder } from '../llm/embeddings.ts';
import type { Db } from '../store/db.ts';
import { insertFeedback } from '../store/repositories/feedback.ts';
import { setFeedbackState } from '../store/repositories/feedback-reports.ts';
import { activeAccountIds } from '../store/repositories/health-snapshots.ts';

export interface LabelledFeedback {
  id: string;
  /** Items of the same cluster are the same request; a single item is its own cluster. */
  cluster: string;
  theme: ThemeId;
  score: number | null;
  text: string;
}

const DIR = packagePath('eval', 'feedback');

function readTsv(file: string): string[][] {
  const rows = readFileSync(join(DIR, file), 'utf8').split('\n').slice(1);
  return rows.filter((r) => r.trim() !== '').map((r) => r.split('\t'));
}

/**
 * The labelled sets shipped with the repository: `main` (eval/feedback/items.tsv and singles.tsv,
 * used to build the lexicons and the dedup rule); `held-out` … `held-out-5` in eval/feedback/<name>/,
 * each written before a change it was meant to measure (docs/feedback.md has what each was used for).
 */
export const LABELLED_SETS = [
  'main',
  'held-out',
  'held-out-2',
  'held-out-3',
  'held-out-4',
  'held-out-5',
  'fresh-a',
  'fresh-b',
  'corpus-train',
  'corpus-held-out',
] as const;
export type LabelledSet = (typeof LABELLED_SETS)[number];

export function loadLabelledFeedback(set: LabelledSet = 'main'): LabelledFeedback[] {
  const prefix = set === 'main' ? '' : `${set}/`;
  const tag = {
    main: '',
    'held-out': 'H',
    'held-out-2': 'H2',
    'held-out-3': 'H3',
    'held-out-4': 'H4',
    'held-out-5': 'H5',
    'fresh-a': 'FA',
    'fresh-b': 'FB',
    'corpus-train': 'CT',
    'corpus-held-out': 'CH',
  }[set];
  if (set === 'corpus-train') return interleaved(corpusSplit('train', tag));
  if (set === 'corpus-held-out') return interleaved(corpusSplit('held-out', tag));
  const clustered = readTsv(`${prefix}items.tsv`).map(([cluster, theme, score, text], k) => ({
    id: `EV${tag}-C${String(k + 1).padStart(3, '0')}`,
    cluster: cluster as string,
    theme: theme as ThemeId,
    score: score ? Number(score) : null,
    text: text as string,
  }));
  const singles = readTsv(`${prefix}singles.tsv`).map(([theme, score, text], k) => ({
    id: `EV${tag}-S${String(k + 1).padStart(3, '0')}`,
    cluster: `single-${k + 1}`,
    theme: theme as ThemeId,
    score: score ? Number(score) : null,
    text: text as string,
  }));
  return interleaved([...clustered, ...singles]);
}

/** One split of the classifier corpus (eval/feedback/corpus/corpus.tsv): requests are clusters. */
function corpusSplit(which: 'train' | 'held-out', tag: string): LabelledFeedback[] {
  return readTsv('corpus/corpus.tsv')
    .filter(([, split]) => split === which)
    .map(([request, , theme, , score, text], k) => ({
      id: `EV${tag}-${String(k + 1).padStart(4, '0')}`,
      cluster: request as string,
      theme: theme as ThemeId,
      score: score ? Number(score) : null,
      text: text as string,
    }));
}

/** Interleaved by a fixed stride so that duplicates arrive spread out, as in real traffic. */
function interleaved(all: LabelledFeedback[]): LabelledFeedback[] {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  let stride = 37;
  while (gcd(stride, all.length) !== 1) stride++; // a stride sharing a factor with the size would repeat items
  const order = all.map((_, i) => (i * stride) % all.length);
  return order.map((i) => all[i] as LabelledFeedback);
}

export interface FeedbackEvaluation {
  items: number;
  clusters: number;
  threshold: number;
  judgeFrom: number;
  dedup: {
    precision: number;
    recall: number;
    f1: number;
    truePairs: number;
    predictedPairs: number;
    correctPairs: number;
  };
  /**
   * Items with an earlier item of the same request: how often the request was among what the
   * owner sees — merged into it, or one of the (up to three) possible duplicates suggested.
   */
  topThree: { eligible: number; found: number; rate: number };
  /** Owner corrections simulated (see `corrections`). */
  corrections: number;
  theme: { correct: number; total: number; accuracy: number };
  owner: { correct: number; total: number; accuracy: number };
  misses: { id: string; text: string; expected: string; got: string }[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 10000) / 10000);

/**
 * Runs every labelled item through the real loop (store, local embedder, pgvector kNN, lexicon
 * and prototype themes, routing) on accounts already in the store, and scores pairwise dedup
 * precision / recall / F1 against the clusters, theme accuracy and owner accuracy.
 */
export async function evaluateFeedback(
  db: Db,
  items: readonly LabelledFeedback[],
  settings: FeedbackLoopSettings = feedbackLoopSettings(),
  /**
   * Simulated owner corrections: the first this many items routed to the wrong owner are
   * reassigned to the right one right after processing, as an owner would in Slack; later items
   * can learn from them. Accuracy counts each item's routing when it was processed.
   */
  corrections = 0,
): Promise<FeedbackEvaluation> {
  const taxonomy = feedbackThemes();
  const accounts = await activeAccountIds(db);
  const start = Date.parse('2026-10-01T09:00:00Z');
  for (const [k, item] of items.entries()) {
    await insertFeedback(db, {
      feedback_id: item.id,
      account_id: accounts[k % accounts.length] as string,
      source: item.score === null ? 'in_app' : 'nps',
      created_at: new Date(start + k * 3_600_000).toISOString(),
      text: item.text,
      score: item.score,
    });
  }
  const predicted = new Map<string, { root: string; theme: string; owner: string }>();
  const clusterOf = new Map(items.map((i) => [i.id, i.cluster]));
  const seenClusters = new Set<string>();
  let eligible = 0;
  let found = 0;
  let correctionsMade = 0;
  for (const item of items) {
    const out = await processFeedback({ db, embedder: localEmbedder(), taxonomy, settings }, item.id);
    if (out.status !== 'processed') throw new Error(`${item.id} was not processed`);
    predicted.set(item.id, { root: out.canonicalId ?? item.id, theme: out.theme, owner: out.owner });
    const rightOwner = themeEntry(taxonomy, item.theme).owner;
    if (out.owner !== rightOwner && correctionsMade < corrections) {
      await setFeedbackState(db, item.id, { reassignTo: rightOwner }, new Date(start).toISOString());
      correctionsMade++;
    }
    if (seenClusters.has(item.cluster)) {
      eligible++;
      const shown = [out.canonicalId, ...out.suggestions.map((s) => s.candidateId)];
      if (shown.some((id) => id !== null && clusterOf.get(id) === item.cluster)) found++;
    }
    seenClusters.add(item.cluster);
  }
  let truePairs = 0;
  let predictedPairs = 0;
  let correctPairs = 0;
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i] as LabelledFeedback;
      const b = items[j] as LabelledFeedback;
      const same = a.cluster === b.cluster;
      const merged = predicted.get(a.id)?.root === predicted.get(b.id)?.root;
      if (same) truePairs++;
      if (merged) predictedPairs++;
      if (same && merged) correctPairs++;
    }
  const precision = ratio(correctPairs, predictedPairs);
  const recall = ratio(correctPairs, truePairs);
  const f1 =
    precision + recall === 0
      ? 0
      : Math.round(((2 * precision * recall) / (precision + recall)) * 10000) / 10000;
  let themeOk = 0;
  let ownerOk = 0;
  const misses: FeedbackEvaluation['misses'] = [];
  for (const item of items) {
    const p = predicted.get(item.id);
    if (!p) continue;
    if (p.theme === item.theme) themeOk++;
    else misses.push({ id: item.id, text: item.text, expected: item.theme, got: p.theme });
    if (p.owner === themeEntry(taxonomy, item.theme).owner) ownerOk++;
  }
  return {
    items: items.length,
    clusters: new Set(items.map((i) => i.cluster)).size,
    threshold: settings.dedup.threshold,
    judgeFrom: settings.dedup.judge_from,
    dedup: { precision, recall, f1, truePairs, predictedPairs, correctPairs },
    topThree: { eligible, found, rate: ratio(found, eligible) },
    corrections: correctionsMade,
    theme: { correct: themeOk, total: items.length, accuracy: ratio(themeOk, items.length) },
    owner: { correct: ownerOk, total: items.length, accuracy: ratio(ownerOk, items.length) },
    misses,
  };
}
