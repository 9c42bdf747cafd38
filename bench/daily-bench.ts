import { addDays } from '../core/calendar.ts';
import { fixedClock } from '../core/clock.ts';
import type { Config } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { runDay } from '../jobs/daily-run.ts';
import { backfillSnapshots } from '../jobs/score-all.ts';
import { scratchStore } from '../store/scratch-store.ts';

export interface DailyRunFigure {
  day: string;
  accounts: number;
  snapshot_s: number;
  alerts_s: number;
  total_s: number;
  raised: number;
  updated: number;
  resolved: number;
  dms: number;
  held: number;
}

/**
 * The scheduler's daily run — a snapshot of every customer, then alert evaluation and delivery
 * planning — over a demo portfolio with four weeks of snapshots behind it: the first day (every
 * condition that already holds is raised) and the day after (a typical day: a few transitions).
 */
export async function runDailyBench(
  config: Config,
  options: { accounts: number; asOf: string; onProgress?: (message: string) => void },
): Promise<DailyRunFigure[]> {
  const say = options.onProgress ?? (() => undefined);
  const store = await scratchStore(config);
  const db = await store.open();
  try {
    const first = addDays(options.asOf, -1);
    say(`loading a ${options.accounts}-account demo and four weeks of snapshots`);
    await loadDemo(db, { accounts: options.accounts, seed: 42, asOf: options.asOf });
    await backfillSnapshots(db, { from: addDays(first, -28), to: addDays(first, -7), every: 'week' });
    const figures: DailyRunFigure[] = [];
    for (const day of [first, options.asOf]) {
      say(`timing the daily run for ${day}`);
      const marks: Record<string, number> = {};
      const started = performance.now();
      const run = await runDay(
        {
          db,
          logger: createLogger('silent'),
          clock: fixedClock(`${day}T00:05:00.000Z`),
          notifier: null,
          worker: 'bench',
        },
        day,
        {
          force: true,
          onProgress: (step, done, total) => {
            if (done === total) marks[step] = performance.now();
            say(`  ${step}: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} accounts`);
          },
        },
      );
      const ended = performance.now();
      const snapshotAt = marks.snapshot ?? started;
      const s = (ms: number) => Math.round(ms / 100) / 10;
      figures.push({
        day,
        accounts: run.snapshot?.accounts ?? 0,
        snapshot_s: s(snapshotAt - started),
        alerts_s: s(ended - snapshotAt),
        total_s: s(ended - started),
        raised: run.alerts?.raised ?? 0,
        updated: run.alerts?.updated ?? 0,
        resolved: run.alerts?.resolved ?? 0,
        dms: run.alerts?.dms ?? 0,
        held: run.alerts?.held ?? 0,
      });
    }
    return figures;
  } finally {
    await db.close();
    await store.dispose();
  }
}
