import { systemClock } from '../core/clock.ts';
import type { Config } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { feedbackRuntime, processWaitingFeedback } from '../jobs/feedback-runtime.ts';
import { loadDemoVocabulary } from '../knowledge/demo-vocabulary.ts';
import { localEmbedder } from '../llm/embeddings.ts';
import { bulkLoad } from '../store/repositories/bulk-load.ts';
import {
  buildDedupIndex,
  dropDedupIndex,
  nearestFeedback,
  storeEmbeddedFeedback,
  takeDedupLock,
  vectorLiteral,
} from '../store/repositories/feedback-loop.ts';
import { scratchStore } from '../store/scratch-store.ts';
import { percentile } from './report-bench.ts';

export interface FeedbackBenchOptions {
  /** Items pushed through the whole loop (store → embed → kNN → merge → themes → route). */
  items: number;
  /** Stored items for the kNN latency figure. */
  stored: number;
  queries: number;
  onProgress?: (message: string) => void;
}

export interface FeedbackBenchReport {
  loop: { items: number; seconds: number; items_per_second: number };
  knn: {
    stored: number;
    queries: number;
    ef_search: number;
    p50_ms: number;
    p95_ms: number;
    index_build_s: number;
  };
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const ACCOUNTS = 50;

/** Realistic feedback texts: the demo's requests (each cluster's paraphrases) with account-specific details appended. */
function textsFor(n: number): string[] {
  const base = Object.values(loadDemoVocabulary().feedback).flatMap((clusters) =>
    clusters.flatMap(([, ...paraphrases]) => paraphrases),
  );
  const details = [
    'for our EMEA team',
    'since the last release',
    'for the finance department',
    'on the mobile site',
    'in the admin console',
    'for our largest workspace',
    'every Monday',
    'for new hires',
  ];
  return Array.from(
    { length: n },
    (_, k) => `${base[k % base.length]} (${details[Math.floor(k / base.length) % details.length]}, ref ${k})`,
  );
}

type BenchDb = Awaited<ReturnType<Awaited<ReturnType<typeof scratchStore>>['open']>>;
type Say = (line: string) => void;

/** End to end: items stored as `new` for the bench's accounts, then worked through the queue. */
async function loopThroughput(db: BenchDb, config: Config, items: number, say: Say) {
  const texts = textsFor(items);
  await bulkLoad(
    db,
    {
      accounts: {
        columns: ['account_id', 'name', 'segment', 'status'],
        rows: Array.from({ length: ACCOUNTS }, (_, k) => [
          `B${k}`,
          `Bench ${k}`,
          ['enterprise', 'mid-market', 'smb'][k % 3],
          'active',
        ]),
      },
      feedback: {
        columns: ['feedback_id', 'account_id', 'source', 'created_at', 'text'],
        rows: texts.map((text, k) => [
          `L${k}`,
          `B${k % ACCOUNTS}`,
          'in_app',
          new Date(Date.UTC(2026, 9, 1) + k * 1000).toISOString(),
          text,
        ]),
      },
    },
    { replace: false },
  );
  say(`processing ${items} items through the loop`);
  const rt = {
    db,
    config: { ...config, REDIS_URL: undefined },
    logger: createLogger('silent'),
    clock: systemClock,
  };
  const started = performance.now();
  const result = await processWaitingFeedback(rt, null, () => undefined);
  const seconds = (performance.now() - started) / 1000;
  if (result.processed !== items)
    throw new Error(`only ${result.processed} of ${items} items were processed`);
  return { seconds, settings: feedbackRuntime(rt).options.settings };
}

/** `extra` more embedded items, written in bulk with the HNSW index dropped, then the index built once. */
async function storeMore(db: BenchDb, extra: number, say: Say): Promise<number> {
  const embedder = localEmbedder();
  say(`storing ${extra} more embedded items for the kNN figure`);
  await dropDedupIndex(db);
  const more = textsFor(extra);
  const chunk = 5000;
  for (let i = 0; i < extra; i += chunk) {
    const slice = more.slice(i, i + chunk);
    const vectors = await embedder.embed(slice);
    await storeEmbeddedFeedback(
      db,
      slice.map((text, k) => ({
        feedback_id: `K${i + k}`,
        account_id: `B${(i + k) % ACCOUNTS}`,
        source: 'in_app',
        created_at: '2026-10-01T00:00:00Z',
        text,
        status: 'open',
        embedding: vectorLiteral(vectors[k] as Float32Array).replaceAll(/(\.\d{4})\d+/g, '$1'),
        embedding_model: embedder.model,
        theme: 'feature_request',
        owner: 'product',
      })),
    );
    if ((i / chunk) % 4 === 3) say(`  ${i + slice.length} stored`);
  }
  say('building the HNSW index');
  const buildStarted = performance.now();
  await buildDedupIndex(db);
  return (performance.now() - buildStarted) / 1000;
}

/** Dedup kNN latency per query, under the dedup lock with the team's ef_search. */
async function knnSamples(db: BenchDb, queries: number, dedup: { ef_search: number; neighbours: number }) {
  const embedder = localEmbedder();
  const probes = await embedder.embed(textsFor(queries).map((t) => `${t} please`));
  const samples: number[] = [];
  for (const probe of probes) {
    const t0 = performance.now();
    await db.transaction(async (tx) => {
      await takeDedupLock(tx, dedup.ef_search);
      return nearestFeedback(tx, probe, { k: dedup.neighbours, model: embedder.model });
    });
    samples.push(performance.now() - t0);
  }
  return samples;
}

/**
 * The feedback loop's speed on the configured store: end-to-end items per second through the
 * in-process queue with the local embedder, and dedup kNN latency (HNSW, cosine,
 * hnsw.ef_search from knowledge/feedback/loop.json) with `stored` items in the table.
 */
export async function runFeedbackBench(
  config: Config,
  options: FeedbackBenchOptions,
): Promise<FeedbackBenchReport> {
  const say = options.onProgress ?? (() => undefined);
  const store = await scratchStore(config);
  const db = await store.open();
  try {
    const { seconds, settings } = await loopThroughput(db, config, options.items, say);
    const extra = Math.max(0, options.stored - options.items);
    const indexBuild = await storeMore(db, extra, say);
    const samples = await knnSamples(db, options.queries, settings.dedup);
    return {
      loop: {
        items: options.items,
        seconds: round(seconds, 2),
        items_per_second: round(options.items / seconds, 0),
      },
      knn: {
        stored: options.items + extra,
        queries: samples.length,
        ef_search: settings.dedup.ef_search,
        p50_ms: round(percentile(samples, 50), 2),
        p95_ms: round(percentile(samples, 95), 2),
        index_build_s: round(indexBuild, 1),
      },
    };
  } finally {
    await db.close();
    await store.dispose();
  }
}
