import { commandAccess } from '../commands/authorisation.ts';
import type { CommandContext } from '../commands/context.ts';
import type { CommandIntent } from '../commands/intent-names.ts';
import { COMMANDS } from '../commands/registry.ts';
import { run } from '../commands/router.ts';
import { addMonths, monthEnd, monthOf } from '../core/calendar.ts';
import type { Config } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { fitAndStoreChurnModel } from '../jobs/refit-churn-model.ts';
import { backfillOn, scoreAll } from '../jobs/score-all.ts';
import type { Db } from '../store/db.ts';
import { activeAccountIds } from '../store/repositories/health-snapshots.ts';
import { scratchStore } from '../store/scratch-store.ts';

/**
 * Report latency: p50 / p95 of the portfolio-level commands over a demo portfolio, run in
 * process through the router (parse excluded, audit included), on the configured store.
 */
export interface ReportBenchOptions {
  accounts: number;
  months: number;
  repetitions: number;
  asOf: string;
  onProgress?: (message: string) => void;
}

export interface LatencyFigure {
  command: string;
  p50_ms: number;
  p95_ms: number;
  runs: number;
}

/** Book-level commands, each with the arguments a CSM or leader would ask with. */
export const BENCHED_COMMANDS: readonly {
  name: string;
  intent: CommandIntent;
  args: Record<string, unknown>;
}[] = [
  { name: 'nrr_report', intent: 'nrr_report', args: {} },
  { name: 'cohort_analysis', intent: 'cohort_analysis', args: {} },
  { name: 'portfolio_review', intent: 'portfolio_review', args: {} },
  { name: 'accounts (the whole book, lowest health first)', intent: 'accounts', args: {} },
  {
    name: 'accounts --tier at-risk,critical --renewal-within 90',
    intent: 'accounts',
    args: { tier: 'at-risk,critical', renewal_within: 90 },
  },
  {
    name: 'accounts --score-max 50 --arr-min 50000 --no-touch-days 60 --sort renewal',
    intent: 'accounts',
    args: { score_max: 50, arr_min: 50_000, no_touch_days: 60, sort: 'renewal' },
  },
  { name: 'movers', intent: 'movers', args: {} },
  { name: 'renewal_forecast', intent: 'renewal_forecast', args: {} },
  { name: 'renewal_forecast --track-record', intent: 'renewal_forecast', args: { track_record: true } },
];
/** What an account command needs besides the account, to be timed (an email's kind). */
const BENCH_ARGS: Partial<Record<CommandIntent, Record<string, unknown>>> = {
  draft_email: { kind: 'qbr_follow_up' },
};

/** Every command that reads one account (by its own access rule), timed over a different account each run. */
export const BENCHED_ACCOUNT_COMMANDS: readonly { intent: CommandIntent; args: Record<string, unknown> }[] =
  COMMANDS.flatMap((c) => {
    const args = BENCH_ARGS[c.intent] ?? {};
    return c.account === 'required' && !commandAccess(c, args).write ? [{ intent: c.intent, args }] : [];
  });

/** Nearest-rank percentile of a sample. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/**
 * Four month-end snapshots old enough to be judged, and the churn model fitted on them (with its
 * track record): what renewal_forecast and portfolio_review read in a team that has history.
 */
async function fitModelOn(db: Db, asOf: string, say: (line: string) => void): Promise<void> {
  const days = [7, 6, 5, 4].map((k) => monthEnd(addMonths(monthOf(asOf), -k)));
  say(`back-filling month-end snapshots (${days.join(', ')}) and fitting the churn model`);
  await backfillOn(db, days);
  await fitAndStoreChurnModel(db, asOf, { fittedAt: `${asOf}T06:00:00.000Z`, fittedBy: 'bench' });
}

export async function runReportBench(config: Config, options: ReportBenchOptions): Promise<LatencyFigure[]> {
  const say = options.onProgress ?? (() => undefined);
  const store = await scratchStore(config);
  const db = await store.open();
  try {
    say(`loading a ${options.accounts}-account, ${options.months}-month demo`);
    await loadDemo(db, { accounts: options.accounts, seed: 42, asOf: options.asOf, months: options.months });
    await fitModelOn(db, options.asOf, say);
    const ctx: CommandContext = {
      db,
      config,
      logger: createLogger('silent'),
      actor: { id: 'local:bench', user: null, role: 'admin' },
      today: options.asOf,
      now: `${options.asOf}T12:00:00.000Z`,
      surface: 'cli',
    };
    const figures: LatencyFigure[] = [];
    const time = async (command: string, intent: string, argsFor: (i: number) => Record<string, unknown>) => {
      say(`timing ${command} × ${options.repetitions}`);
      await run(ctx, intent, argsFor(0)); // warm-up: first-query planning and JIT
      const samples: number[] = [];
      for (let i = 0; i < options.repetitions; i++) {
        const started = performance.now();
        await run(ctx, intent, argsFor(i));
        samples.push(performance.now() - started);
      }
      figures.push({
        command,
        p50_ms: Math.round(percentile(samples, 50)),
        p95_ms: Math.round(percentile(samples, 95)),
        runs: samples.length,
      });
    };
    for (const command of BENCHED_COMMANDS) await time(command.name, command.intent, () => command.args);
    // Account commands: a different account each run, spread over the portfolio.
    const ids = await activeAccountIds(db);
    const step = Math.max(1, Math.floor(ids.length / options.repetitions));
    for (const command of BENCHED_ACCOUNT_COMMANDS)
      await time(command.intent, command.intent, (i) => ({
        ...command.args,
        account: ids[(i * step) % ids.length],
      }));
    say('timing cse score --all');
    const started = performance.now();
    const summary = await scoreAll(db, options.asOf);
    const ms = Math.round(performance.now() - started);
    figures.push({ command: `score --all (${summary.accounts} accounts)`, p50_ms: ms, p95_ms: ms, runs: 1 });
    return figures;
  } finally {
    await db.close();
    await store.dispose();
  }
}
