import { todayOn } from '../../core/clock.ts';
import { DEFAULT_DEMO_ACCOUNTS, DEFAULT_DEMO_SEED } from '../../demo/demo-defaults.ts';
import { loadDemo } from '../../demo/load-demo.ts';
import { runDay } from '../../jobs/daily-run.ts';
import { processWaitingFeedback } from '../../jobs/feedback-runtime.ts';
import { backfillOn, demoHistoryDays } from '../../jobs/score-all.ts';
import { importFile } from '../../store/import/import-file.ts';
import { countAccounts } from '../../store/repositories/accounts.ts';
import { requestCounts } from '../../store/repositories/feedback-loop.ts';
import { note, print, printJson } from '../output.ts';
import { auditedWrite, type GlobalOptions, type Runtime, withRuntime } from '../runtime.ts';

/** Weeks of point-in-time health snapshots a demo load computes, so trends and movers show at once. */
export const DEMO_SNAPSHOT_WEEKS = 26;
/** Month-end snapshots before the weekly ones, so a backtest has a year of monthly cutoffs at once. */
export const DEMO_SNAPSHOT_MONTHS = 16;

/** The demo's health history: weekly snapshots computed from its dated data, ending on its as-of day. */
async function demoHistory(rt: Runtime, asOf: string, quiet = false): Promise<void> {
  const summary = await backfillOn(
    rt.db,
    demoHistoryDays(asOf, DEMO_SNAPSHOT_WEEKS, DEMO_SNAPSHOT_MONTHS),
    (_day, done, total) => {
      if (!quiet && done % 5 === 0) note(`  health history: ${done} of ${total} days scored…`);
    },
  );
  if (!quiet)
    note(
      `Health history: ${summary.snapshots.toLocaleString('en-US')} snapshots, weekly over ${DEMO_SNAPSHOT_WEEKS} weeks and at the ${DEMO_SNAPSHOT_MONTHS} month-ends before, computed from the demo's dated data (trends, movers and a backtest show at once).`,
    );
  // Today's scheduled jobs, so the alerts are there from the first question (and tomorrow's run reports only changes).
  const today = await runDay(
    { db: rt.db, config: rt.config, logger: rt.logger, clock: rt.clock, notifier: null },
    asOf,
    { force: true },
  );
  if (!quiet) {
    note(
      `Today's alerts: ${today.alerts?.raised ?? 0} raised on ${today.snapshot?.accounts ?? 0} customers — ask "my alerts" or run cse alerts.`,
    );
    const model = today.churnModel;
    if (model)
      note(
        model.refitted
          ? `Churn model ${model.id} fitted on the demo's history (out-of-time AUC ${model.auc?.toFixed(2) ?? 'unknown'}; cse model fit shows it) — ask "renewal forecast" or "churn risk for Acme".`
          : `No churn model yet: ${model.reason}.`,
      );
  }
}

/** Runs the feedback loop over the items waiting (after an import or a demo load), with progress. */
export async function processFeedbackWithProgress(rt: Runtime, quiet = false): Promise<void> {
  const started = performance.now();
  const say = quiet ? () => undefined : note;
  const result = await processWaitingFeedback(rt, null, (done, total) =>
    say(`  feedback: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} processed…`),
  );
  if (result.processed + result.dead === 0) return;
  const row = await requestCounts(rt.db);
  say(
    `Feedback processed: ${result.processed.toLocaleString('en-US')} items in ${((performance.now() - started) / 1000).toFixed(1)} s — deduplicated (${row?.merged ?? 0} merged into ${row?.requests ?? 0} requests in all), tagged, routed with SLAs${result.dead ? `; ${result.dead} failed every attempt (cse feedback export shows them)` : ''}.`,
  );
}

/** Loads the demo portfolio into an empty embedded store (and says so); a real database is never seeded. */
export async function seedDemoIfEmpty(rt: Runtime): Promise<void> {
  if ((await countAccounts(rt.db)) > 0) return;
  if (rt.db.driver === 'pglite') {
    const summary = await loadDemo(rt.db, {
      accounts: DEFAULT_DEMO_ACCOUNTS,
      seed: DEFAULT_DEMO_SEED,
      asOf: todayOn(rt.clock),
    });
    await processFeedbackWithProgress(rt);
    await demoHistory(rt, summary.as_of);
    note(
      `The embedded store at ${rt.db.location} was empty, so I loaded a demo portfolio: ${summary.accounts} accounts (seed ${summary.seed}). Replace it with your data via cse import, or cse demo --replace.`,
    );
  } else {
    note(
      `The database at ${rt.db.location} has no accounts yet: load yours with cse import accounts <file>, or try cse demo.`,
    );
  }
}

/** `cse import <kind> <file>`. */
export async function importData(
  globals: GlobalOptions,
  kind: string,
  file: string,
  options: { json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const summary = await auditedWrite(
      rt,
      { intent: 'import', text: `cse import ${kind} ${file}`, args: { kind, file } },
      () =>
        importFile(rt.db, kind, file, {
          now: rt.clock.now().toISOString(),
          onProgress: (p) =>
            note(
              p.phase === 'validating'
                ? `  validated ${p.rows.toLocaleString('en-US')} rows…`
                : `  writing ${p.rows.toLocaleString('en-US')} rows…`,
            ),
        }),
    );
    if (summary.kind === 'feedback') await processFeedbackWithProgress(rt, options.json);
    if (options.json) printJson(summary);
    else
      print(
        `Imported ${summary.file} (${summary.kind}, ${summary.rows.toLocaleString('en-US')} rows): ${summary.inserted} inserted, ${summary.updated} updated, ${summary.unchanged} unchanged in ${(summary.duration_ms / 1000).toFixed(1)} s`,
      );
  });
}

/** `cse demo`. */
export async function loadDemoData(
  globals: GlobalOptions,
  options: { accounts: number; seed: number; asOf?: string; replace?: boolean; json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const asOf = options.asOf ?? todayOn(rt.clock);
    const summary = await auditedWrite(
      rt,
      {
        intent: 'load_demo',
        text: 'cse demo',
        args: {
          accounts: options.accounts,
          seed: options.seed,
          as_of: asOf,
          replace: options.replace ?? false,
        },
      },
      () =>
        loadDemo(rt.db, {
          accounts: options.accounts,
          seed: options.seed,
          asOf,
          replace: options.replace ?? false,
          onProgress: options.json ? undefined : note,
        }),
    );
    await processFeedbackWithProgress(rt, options.json);
    await demoHistory(rt, asOf, options.json);
    if (options.json) printJson(summary);
    else {
      const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
      print(
        `Demo portfolio ready in ${rt.db.location}: ${summary.accounts} accounts, ${total.toLocaleString('en-US')} rows (generated in ${(summary.generate_ms / 1000).toFixed(1)} s, loaded in ${(summary.load_ms / 1000).toFixed(1)} s). Try: cse ask "portfolio review"`,
      );
    }
  });
}
