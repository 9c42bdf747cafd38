import { daysBetween } from '../../core/calendar.ts';
import { isAtRisk } from '../portfolio/health-tiers.ts';
import { churnProbability, fitChurnModel } from './churn-model.ts';
import { auc, bootstrapAucInterval, type RiskObservation, wilsonInterval } from './discrimination.ts';
import { columnScales, fitLogistic, predictLogistic } from './logistic-regression.ts';
import type { BacktestObservation } from './score-backtest.ts';

/** One account at one cutoff with the signal's point-in-time value (null: nothing to measure). */
export interface SignalObservation extends BacktestObservation {
  feature: number | null;
  /** The day the loss happened (churn, or the month MRR fell), for a lost observation. */
  lost_on: string | null;
}

export interface AucFigure {
  auc: number | null;
  ci: { low: number; high: number } | null;
}

export interface LeadTime {
  /** Lost accounts flagged at some cutoff before the loss, of all lost accounts. */
  caught: number;
  lost: number;
  /** Median days from the first flag to the loss, over the caught accounts. */
  median_days: number | null;
}

export interface SignalBacktest {
  observations: number;
  churned: number;
  /** Churn within the horizon where the signal was present at the cutoff, and where it was not. */
  present: {
    observations: number;
    churned: number;
    rate: number | null;
    ci: { low: number; high: number } | null;
  };
  absent: {
    observations: number;
    churned: number;
    rate: number | null;
    ci: { low: number; high: number } | null;
  };
  train_cutoffs: string[];
  validation_cutoffs: string[];
  /** Out of time, on the validation cutoffs: the score alone, and the score with the signal. */
  score: { without: AucFigure; with: AucFigure };
  /** The learned churn model without and with the signal as a feature (null: too little history). */
  model: { without: AucFigure; with: AucFigure } | null;
  lead_time: { without: LeadTime; with: LeadTime };
}

export interface SignalBacktestOptions {
  /** Whether the signal counts as a warning at a cutoff. */
  flags: (feature: number | null) => boolean;
  lambda: number;
  trainShare: number;
  samples: number;
  random: () => number;
}

type Scored = SignalObservation & { score: number };

const rate = (k: number, n: number) => ({
  observations: n,
  churned: k,
  rate: n > 0 ? k / n : null,
  ci: wilsonInterval(k, n),
});

function figure(rows: readonly RiskObservation[], options: SignalBacktestOptions): AucFigure {
  const interval = bootstrapAucInterval(rows, { samples: options.samples, random: options.random });
  return { auc: auc(rows), ci: interval ? { low: interval.low, high: interval.high } : null };
}

/** The score with the signal: a logistic regression on (100 − score, signal) fitted on the training cutoffs. */
function scoreWithSignal(train: readonly Scored[], test: readonly Scored[], lambda: number): number[] {
  const row = (o: Scored) => [100 - o.score, o.feature ?? 0];
  const x = train.map(row);
  const { means, scales } = columnScales(x);
  const norm = (r: number[]) => r.map((v, j) => (v - (means[j] as number)) / (scales[j] as number));
  const fit = fitLogistic(
    x.map(norm),
    train.map((o) => o.churned),
    { lambda },
  );
  return test.map((o) => predictLogistic(fit, norm(row(o))));
}

/** The learned model's validation risks, without and with the signal among its inputs. */
function modelFigures(scored: readonly Scored[], options: SignalBacktestOptions) {
  const withFeature = scored.map((o) => ({ ...o, inputs: { ...o.inputs, 'signal.value': o.feature ?? 0 } }));
  const fits = [scored, withFeature].map((obs) =>
    fitChurnModel(obs, { lambda: options.lambda, trainShare: options.trainShare, bins: 10 }),
  );
  const [without, withSignal] = fits;
  if (!without || !withSignal) return null;
  const judge = (fit: NonNullable<typeof without>, obs: readonly Scored[]) =>
    figure(
      obs
        .filter((o) => fit.validation.cutoffs.includes(o.cutoff))
        .map((o) => ({ risk: churnProbability(fit.model, o), churned: o.churned })),
      options,
    );
  return { without: judge(without, scored), with: judge(withSignal, withFeature) };
}

/** How early the lost accounts were flagged: the first flagged cutoff within the horizon before each loss. */
function leadTime(
  observations: readonly SignalObservation[],
  flagged: (o: SignalObservation) => boolean,
): LeadTime {
  const losses = new Map<string, string>();
  for (const o of observations)
    if (o.churned && o.lost_on && !losses.has(o.account_id)) losses.set(o.account_id, o.lost_on);
  const leads: number[] = [];
  for (const [account, lostOn] of losses) {
    const first = observations
      .filter((o) => o.account_id === account && o.cutoff <= lostOn && o.churned && flagged(o))
      .map((o) => o.cutoff)
      .sort()[0];
    if (first) leads.push(daysBetween(first, lostOn));
  }
  leads.sort((a, b) => a - b);
  const mid = leads.length / 2;
  const median =
    leads.length === 0
      ? null
      : leads.length % 2
        ? (leads[Math.floor(mid)] as number)
        : ((leads[mid - 1] as number) + (leads[mid] as number)) / 2;
  return { caught: leads.length, lost: losses.size, median_days: median };
}

/**
 * Does a signal add to the health score? Over the same observations: churn where it was present
 * and absent; out of time (fitted on the earliest cutoffs, judged on the later ones) the AUC of
 * the score alone and with the signal, and of the learned churn model without and with it, each
 * with a bootstrap interval; and how early the lost accounts were flagged with and without it.
 * Pure given `random`.
 */
export function signalBacktest(
  observations: readonly SignalObservation[],
  options: SignalBacktestOptions,
): SignalBacktest {
  const scored = observations.filter((o): o is Scored => o.score !== null);
  const cutoffs = [...new Set(scored.map((o) => o.cutoff))].sort();
  const split = Math.min(cutoffs.length - 1, Math.max(1, Math.round(cutoffs.length * options.trainShare)));
  const trainCutoffs = cutoffs.slice(0, split);
  const lastTrain = trainCutoffs.at(-1) ?? '';
  const train = scored.filter((o) => o.cutoff <= lastTrain);
  const test = scored.filter((o) => o.cutoff > lastTrain);
  const present = scored.filter((o) => options.flags(o.feature));
  const absent = scored.filter((o) => !options.flags(o.feature));
  const withRisk = test.length > 0 && train.length > 0 ? scoreWithSignal(train, test, options.lambda) : [];
  const atRisk = (o: SignalObservation) => isAtRisk(o.tier);
  return {
    observations: scored.length,
    churned: scored.filter((o) => o.churned).length,
    present: rate(present.filter((o) => o.churned).length, present.length),
    absent: rate(absent.filter((o) => o.churned).length, absent.length),
    train_cutoffs: trainCutoffs,
    validation_cutoffs: cutoffs.slice(split),
    score: {
      without: figure(
        test.map((o) => ({ risk: 100 - o.score, churned: o.churned })),
        options,
      ),
      with: figure(
        test.map((o, i) => ({ risk: withRisk[i] ?? 0, churned: o.churned })),
        options,
      ),
    },
    model: cutoffs.length >= 2 ? modelFigures(scored, options) : null,
    lead_time: {
      without: leadTime(scored, atRisk),
      with: leadTime(scored, (o) => atRisk(o) || options.flags(o.feature)),
    },
  };
}
