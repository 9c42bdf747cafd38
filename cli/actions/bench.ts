import { cpus } from 'node:os';
import { clockFrom, todayOn } from '../../core/clock.ts';
import type { BenchOptions } from '../commands/bench.ts';
import { note, print, printJson } from '../output.ts';
import { configFrom, type GlobalOptions } from '../runtime.ts';

type Config = ReturnType<typeof configFrom>;

/** Runs the chosen suites, each one's code loaded only when it runs. */
async function runSuites(config: Config, options: BenchOptions, asOf: string) {
  const wants = (suite: string) => options.suite === 'all' || options.suite === suite;
  const store = wants('store')
    ? await (await import('../../bench/store-bench.ts')).runStoreBench(config, {
        accounts: options.accounts,
        runs: options.runs,
        asOf,
        onProgress: note,
      })
    : null;
  const reports = wants('reports')
    ? await (await import('../../bench/report-bench.ts')).runReportBench(config, {
        accounts: options.accounts,
        months: options.months,
        repetitions: options.repetitions,
        asOf,
        onProgress: note,
      })
    : null;
  const slack = wants('slack')
    ? await (await import('../../bench/slack-bench.ts')).runSlackBench(config, {
        accounts: options.accounts,
        repetitions: options.repetitions,
        asOf,
        onProgress: note,
      })
    : null;
  const feedback = wants('feedback')
    ? await (await import('../../bench/feedback-bench.ts')).runFeedbackBench(config, {
        items: options.items,
        stored: options.stored,
        queries: options.queries,
        onProgress: note,
      })
    : null;
  const daily = wants('daily')
    ? await (await import('../../bench/daily-bench.ts')).runDailyBench(config, {
        accounts: options.accounts,
        asOf,
        onProgress: note,
      })
    : null;
  const connectors = wants('connectors')
    ? await (await import('../../bench/connectors-bench.ts')).runConnectorsBench(config, {
        records: options.records,
        onProgress: note,
      })
    : null;
  const signals = wants('signals')
    ? await (await import('../../bench/signals-bench.ts')).runSignalsBench(config, {
        messages: options.messages,
        live: Math.max(100, Math.round(options.messages / 10)),
        asOf,
        onProgress: note,
      })
    : null;
  return { store, reports, slack, feedback, daily, connectors, signals };
}

type Results = Awaited<ReturnType<typeof runSuites>>;

/** The figures in words, suite by suite. */
function printResults(r: Results, options: BenchOptions, driver: string, machine: string): void {
  const { store, reports, slack, feedback, daily, connectors, signals } = r;
  print(`Benchmarks on ${driver}, ${machine}`);
  if (store) {
    print(`Store — medians of ${options.runs} run(s):`);
    for (const f of store.figures)
      print(`  ${f.name.padEnd(32)} ${String(f.median).padStart(10)} ${f.unit.padEnd(6)} ${f.note}`);
  }
  if (reports) {
    print(
      `Reports — ${options.accounts} accounts, ${options.months} months, ${options.repetitions} timed runs each:`,
    );
    for (const r of reports)
      print(
        `  ${r.command.padEnd(24)} p50 ${String(r.p50_ms).padStart(6)} ms   p95 ${String(r.p95_ms).padStart(6)} ms`,
      );
  }
  if (feedback) {
    const { loop, knn } = feedback;
    print(
      `Feedback — ${loop.items} items end to end (local embedder, in-process queue): ${loop.items_per_second} items/s (${loop.seconds} s)`,
    );
    print(
      `  dedup kNN with ${knn.stored.toLocaleString('en-US')} stored items (HNSW, cosine, ef_search ${knn.ef_search}): p50 ${knn.p50_ms} ms, p95 ${knn.p95_ms} ms over ${knn.queries} queries; index built in ${knn.index_build_s} s`,
    );
  }
  if (daily) {
    print(`Daily run — snapshot of every customer, then alerts and delivery planning (${driver}):`);
    for (const d of daily)
      print(
        `  ${d.day}: ${d.accounts.toLocaleString('en-US')} accounts in ${d.total_s} s (snapshot ${d.snapshot_s} s, alerts ${d.alerts_s} s) — ${d.raised} raised, ${d.updated} updated, ${d.resolved} resolved; ${d.dms} DMs planned, ${d.held} held for digests`,
      );
  }
  if (connectors) {
    print(`Connectors — against local fakes of each API, through the vendors' SDKs (${driver}):`);
    for (const c of connectors)
      print(
        `  ${c.source.padEnd(48)} ${c.rows.toLocaleString('en-US').padStart(7)} rows: ${c.first_rows_per_s.toLocaleString('en-US')} rows/s first sync, ${c.again_s} s again; ` +
          `killed after ${c.resume.killed_after_pages} page(s), resumed in ${c.resume.resumed_pages}: ${c.resume.rows_stored.toLocaleString('en-US')} rows, ${c.resume.exactly_once ? 'each exactly once' : 'NOT exactly once'}`,
      );
  }
  if (signals) {
    const { backfill: b, live } = signals;
    print(`Customer signals — storage and signal detection, no LLM (${driver}):`);
    print(
      `  back-fill of ${b.messages.toLocaleString('en-US')} messages from ${b.channels} channels through the Web API (fake, pages of 200, threads read): ${b.messages_per_second.toLocaleString('en-US')} messages/s (${b.seconds} s, ${b.pages} pages), ${b.stored_once ? 'each stored once' : 'NOT each stored once'}`,
    );
    print(
      `  live: ${live.messages.toLocaleString('en-US')} messages one per transaction: ${live.messages_per_second.toLocaleString('en-US')} messages/s (${live.seconds} s)`,
    );
  }
  if (slack) {
    print(
      `Slack — HTTP receiver, fake Slack Web API, ${options.accounts} accounts, ${options.repetitions} questions each:`,
    );
    for (const s of slack)
      print(
        `  ${s.command.padEnd(20)} ack p50 ${s.ack_p50_ms} ms, p99 ${s.ack_p99_ms} ms   answer p50 ${s.answer_p50_ms} ms, p95 ${s.answer_p95_ms} ms`,
      );
  }
}

/** `cse bench`: runs the chosen suites and prints their figures (JSON with --json). */
export async function bench(globals: GlobalOptions, options: BenchOptions): Promise<void> {
  const config = configFrom(globals);
  const results = await runSuites(config, options, todayOn(clockFrom(config)));
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`;
  const driver = config.DATABASE_URL ? 'postgres' : 'pglite';
  if (options.json) printJson({ driver, machine, ...results, store: results.store?.figures ?? null });
  else printResults(results, options, driver, machine);
}
