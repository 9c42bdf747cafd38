import { z } from 'zod';
import { SeededRandom } from '../../core/random.ts';
import { storedObservations } from '../../facts/backtest-observations.ts';
import { signalValuesAt } from '../../facts/signals.ts';
import { signalBacktest } from '../../tools/backtest/signal-backtest.ts';
import { BacktestRangeFields, backtestBasis, Interval } from '../backtest-args.ts';
import { BookScopeData, bookScopeData } from '../book-scope.ts';
import { defineCommand } from '../registry-types.ts';
import { renderSignalBacktest } from './render.ts';

export const BACKTEST_SIGNALS = ['customer_voice', 'responsiveness'] as const;
export const SignalBacktestArgs = z
  .object({ signal: z.enum(BACKTEST_SIGNALS), ...BacktestRangeFields })
  .strict();
const Auc = z.object({ auc: z.number().nullable(), ci: Interval });
const Rate = z.object({
  observations: z.number().int(),
  churned: z.number().int(),
  rate: z.number().nullable(),
  ci: Interval,
});
const Lead = z.object({
  caught: z.number().int(),
  lost: z.number().int(),
  median_days: z.number().nullable(),
});

export const SignalBacktestData = z.object({
  scope: BookScopeData,
  signal: z.enum(BACKTEST_SIGNALS),
  as_of: z.string(),
  horizon_days: z.number().int(),
  cutoffs: z.array(z.string()),
  observations: z.number().int(),
  churned: z.number().int(),
  present: Rate,
  absent: Rate,
  train_cutoffs: z.array(z.string()),
  validation_cutoffs: z.array(z.string()),
  score: z.object({ without: Auc, with: Auc }),
  model: z.object({ without: Auc, with: Auc }).nullable(),
  lead_time: z.object({ without: Lead, with: Lead }),
});
export type SignalBacktestData = z.infer<typeof SignalBacktestData>;

/** When each signal counts as a warning at a cutoff. */
const FLAGS: Record<(typeof BACKTEST_SIGNALS)[number], (v: number | null) => boolean> = {
  customer_voice: (v) => (v ?? 0) > 0,
  responsiveness: (v) => v !== null && v > 1,
};

export const SIGNAL_WORDS: Record<(typeof BACKTEST_SIGNALS)[number], string> = {
  customer_voice:
    'customer_voice: churn intent, a competitor, budget or a champion leaving said by the customer (or noted by us) in the 90 days up to the cutoff; a warning when there is any',
  responsiveness:
    'responsiveness: the median hours our team took to answer the customer’s questions in their channel over the 30 days up to the cutoff, over the segment’s response SLA; a warning above 1',
};

export const signalBacktestCommand = defineCommand({
  intent: 'signal_backtest',
  title: 'Does a customer signal add to the score?',
  summary:
    'Backtests a customer signal (what customers said, or how fast we answered) beside the health score and the learned churn model: churn with and without it, AUC out of time with intervals, and how early lost accounts were flagged',
  examples: [],
  triggers: null,
  render: renderSignalBacktest,
  account: 'none',
  access: { area: 'book_reports', write: false, target: 'book' },
  args: SignalBacktestArgs,
  result: SignalBacktestData,
  async run(ctx, args) {
    const { settings, horizon, book, scope, tuned, cutoffs } = await backtestBasis(ctx, args);
    const { observations, judge } = await storedObservations(ctx.db, cutoffs.judged, scope, tuned, ctx.today);
    const ids = [...new Set(observations.map((o) => o.account_id))];
    const valueAt = await signalValuesAt(ctx.db, args.signal, ids, cutoffs.judged);
    const rng = new SeededRandom(settings.bootstrap.seed);
    const report = signalBacktest(
      observations.map((o) => {
        const outcome = judge.outcome(o.account_id, o.cutoff);
        const lostOn =
          outcome.kind === 'churned'
            ? outcome.on
            : outcome.kind === 'contracted'
              ? `${outcome.month}-01`
              : null;
        return { ...o, feature: valueAt(o.account_id, o.cutoff), lost_on: lostOn };
      }),
      {
        flags: FLAGS[args.signal],
        lambda: settings.churn_model.lambda,
        trainShare: settings.churn_model.train_share,
        samples: settings.bootstrap.samples,
        random: () => rng.next(),
      },
    );
    return {
      data: {
        scope: bookScopeData(book),
        signal: args.signal,
        as_of: ctx.today,
        horizon_days: horizon,
        cutoffs: cutoffs.judged,
        ...report,
      },
      asOf: ctx.today,
      definitions: {
        signal: SIGNAL_WORDS[args.signal],
        backtest:
          'the stored snapshot of each month’s last day against churn or contraction within the horizon; fitted on the earliest cutoffs, judged on the later ones (out of time); AUC with a 95 % bootstrap interval; lead time = days from the first cutoff an account was flagged to its loss (docs/trust-the-score.md)',
        settings: `knowledge/health/backtest.json ${settings.version}: horizon ${horizon} days, ${settings.bootstrap.samples} bootstrap samples (seed ${settings.bootstrap.seed}), train share ${settings.churn_model.train_share}`,
      },
    };
  },
});
