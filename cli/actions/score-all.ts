import { todayOn } from '../../core/clock.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import {
  backfillDays,
  backfillSnapshots,
  MAX_BACKFILL_DAYS,
  scoreAll as scoreEvery,
} from '../../jobs/score-all.ts';
import type { ScoreAllOptions } from '../commands/score.ts';
import { note, print, printJson } from '../output.ts';
import { auditedWrite, type GlobalOptions, withRuntime } from '../runtime.ts';

/** `cse score --all --from … --to … --every …`: point-in-time snapshots for a run of past days. */
async function backfill(globals: GlobalOptions, options: ScoreAllOptions & { from: string }): Promise<void> {
  await withRuntime(globals, async (rt) => {
    const to = options.to ?? todayOn(rt.clock);
    if (options.from > to)
      throw new CseError(ErrorCode.BadInput, `--from ${options.from} is after --to ${to}`, {
        hint: 'Give the earlier day first',
      });
    const days = backfillDays(options.from, to, options.every);
    if (days.length > MAX_BACKFILL_DAYS)
      throw new CseError(
        ErrorCode.BadInput,
        `${days.length} days to score is more than ${MAX_BACKFILL_DAYS}`,
        {
          hint: 'Use --every week, or a shorter range',
        },
      );
    const summary = await auditedWrite(
      rt,
      {
        intent: 'backfill_snapshots',
        text: 'cse score --all --from',
        args: { from: options.from, to, every: options.every },
      },
      () =>
        backfillSnapshots(rt.db, { from: options.from, to, every: options.every }, (day, done, total) => {
          if (!options.json) note(`  ${day}: scored (${done} of ${total} days)`);
        }),
    );
    if (options.json) printJson(summary);
    else
      print(
        `Back-filled ${summary.snapshots.toLocaleString('en-US')} point-in-time snapshots over ${summary.days.length} days (${summary.from} to ${summary.to}, every ${summary.every}) in ${(summary.duration_ms / 1000).toFixed(1)} s. Snapshots stored.`,
      );
  });
}

/** `cse score --all`: today's (or --as-of's) snapshot of every active account, or a back-fill with --from. */
export async function scoreAll(globals: GlobalOptions, options: ScoreAllOptions): Promise<void> {
  if (!options.all)
    throw new CseError(ErrorCode.BadInput, 'cse score needs --all', {
      hint: 'For one account: cse ask "score Acme" or cse run score --account Acme',
    });
  if (options.from) return backfill(globals, { ...options, from: options.from });
  if (options.to)
    throw new CseError(ErrorCode.BadInput, '--to goes with --from', {
      hint: 'Back-fill a range with --from <date> --to <date>, or score one day with --as-of <date>',
    });
  await withRuntime(globals, async (rt) => {
    const asOf = options.asOf ?? todayOn(rt.clock);
    const summary = await auditedWrite(
      rt,
      { intent: 'score_all', text: 'cse score --all', args: { as_of: asOf } },
      () =>
        scoreEvery(
          rt.db,
          asOf,
          options.json
            ? undefined
            : (done, total) =>
                note(
                  `  scored ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} accounts…`,
                ),
        ),
    );
    if (options.json) printJson(summary);
    else
      print(
        `Scored ${summary.accounts.toLocaleString('en-US')} active accounts as of ${summary.as_of} in ${(summary.duration_ms / 1000).toFixed(1)} s: ${Object.entries(
          summary.tiers,
        )
          .map(([tier, n]) => `${n} ${tier}`)
          .join(', ')}. Snapshots stored.`,
      );
  });
}
