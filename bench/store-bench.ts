import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../core/config.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { importFile } from '../store/import/import-file.ts';
import { clearRevenue, revenueRowsForExport } from '../store/repositories/revenue.ts';
import { scratchStore } from '../store/scratch-store.ts';

/**
 * Store benchmarks: embedded start-up, demo generation and revenue import throughput, on the
 * driver the configuration selects. Figures are medians over `runs`, with the machine noted.
 */
export interface BenchOptions {
  accounts: number;
  runs: number;
  asOf: string;
  onProgress?: (message: string) => void;
}

export interface BenchFigure {
  name: string;
  median: number;
  unit: string;
  runs: number[];
  note: string;
}

export interface BenchReport {
  driver: 'pglite' | 'postgres';
  machine: string;
  node: string;
  figures: BenchFigure[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

function figure(name: string, runs: number[], unit: string, note: string, digits = 2): BenchFigure {
  return { name, median: round(median(runs), digits), unit, runs: runs.map((r) => round(r, digits)), note };
}

type Runs = Record<'cold' | 'warm' | 'demoSmall' | 'demoLarge' | 'importFirst' | 'importAgain', number[]>;
type BenchDb = Awaited<ReturnType<Awaited<ReturnType<typeof scratchStore>>['open']>>;

/** Revenue import speed: the demo's revenue exported to CSV, cleared, imported twice (new, then unchanged). */
async function importRun(db: BenchDb, runs: Runs, say: (line: string) => void): Promise<number> {
  const rows = await revenueRowsForExport(db);
  const file = join(mkdtempSync(join(tmpdir(), 'cse-bench-csv-')), 'revenue.csv');
  writeFileSync(
    file,
    `account_id,month,mrr\n${rows.map((r) => `${r.account_id},${r.month},${(r.mrr_cents / 100).toFixed(2)}`).join('\n')}\n`,
  );
  await clearRevenue(db);
  say(`importing ${rows.length} revenue rows`);
  const inserted = await timed(() => importFile(db, 'revenue', file));
  if (inserted.value.inserted !== rows.length)
    throw new Error(`bench import inserted ${inserted.value.inserted} of ${rows.length}`);
  runs.importFirst.push(rows.length / (inserted.ms / 1000));
  const unchanged = await timed(() => importFile(db, 'revenue', file));
  if (unchanged.value.unchanged !== rows.length) throw new Error('bench re-import was not all unchanged');
  runs.importAgain.push(rows.length / (unchanged.ms / 1000));
  rmSync(file, { force: true });
  return rows.length;
}

/** One run on a new scratch store: cold start, warm reopen, two demo loads and the revenue import. */
async function storeRun(config: Config, options: BenchOptions, runs: Runs, say: (line: string) => void) {
  const store = await scratchStore(config);
  try {
    const first = await timed(store.open);
    runs.cold.push(first.ms / 1000);
    await first.value.close();
    const again = await timed(store.open);
    runs.warm.push(again.ms / 1000);
    const db = again.value;
    try {
      say('demo, 200 accounts');
      const demo = (accounts: number) =>
        timed(() => loadDemo(db, { accounts, seed: 42, asOf: options.asOf, replace: true }));
      runs.demoSmall.push((await demo(200)).ms / 1000);
      say(`demo, ${options.accounts} accounts`);
      runs.demoLarge.push((await demo(options.accounts)).ms / 1000);
      return await importRun(db, runs, say);
    } finally {
      await db.close();
    }
  } finally {
    await store.dispose();
  }
}

export async function runStoreBench(config: Config, options: BenchOptions): Promise<BenchReport> {
  const progress = options.onProgress ?? (() => undefined);
  const runs: Runs = { cold: [], warm: [], demoSmall: [], demoLarge: [], importFirst: [], importAgain: [] };
  let revenueRows = 0;
  for (let run = 1; run <= options.runs; run++) {
    progress(`run ${run}/${options.runs}: start-up`);
    revenueRows = await storeRun(config, options, runs, (line) =>
      progress(`run ${run}/${options.runs}: ${line}`),
    );
  }
  const driver = config.DATABASE_URL ? 'postgres' : 'pglite';
  const figures: BenchFigure[] = [
    figure(
      'cold start',
      runs.cold,
      's',
      driver === 'pglite'
        ? 'new data dir: initdb + migrations'
        : 'pool connect + migrations into a new schema',
    ),
    figure('warm reopen', runs.warm, 's', 'open an existing store, migrations already applied'),
    figure('demo 200 accounts', runs.demoSmall, 's', 'generate + COPY in one transaction'),
    figure(`demo ${options.accounts} accounts`, runs.demoLarge, 's', 'generate + COPY in one transaction'),
    figure(
      'revenue import, new rows',
      runs.importFirst,
      'rows/s',
      `${revenueRows} rows: validate + COPY + upsert`,
      0,
    ),
    figure(
      'revenue import, unchanged rows',
      runs.importAgain,
      'rows/s',
      `${revenueRows} rows, second import of the same file`,
      0,
    ),
  ];
  const cpu = cpus();
  return {
    driver,
    machine: `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}`,
    node: process.version,
    figures,
  };
}
