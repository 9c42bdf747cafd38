import {
  DIMENSIONS,
  type Dimension,
  REPORTED_TIERS,
  type ReportedTier,
} from '../../knowledge/health-model.ts';
import { brierScore, decileTable, type ReliabilityBin, reliabilityBins } from './calibration.ts';
import { auc, bootstrapAucInterval, wilsonInterval } from './discrimination.ts';

/** One account at one cutoff: its stored score and what happened within the horizon. */
export interface BacktestObservation {
  account_id: string;
  cutoff: string;
  /** Null when unscored (too little data that day). */
  score: number | null;
  tier: ReportedTier;
  /** Churned, or contracted beyond the set share, within the horizon. */
  churned: boolean;
  outcome: 'churned' | 'contracted' | 'retained';
  mrr_cents: number;
  /** Each dimension's 0–10 score that day (null without data). */
  dimensions: Partial<Record<Dimension, number | null>>;
  /** Each input's 0–10 score that day, by `dimension.input` (null without data). */
  inputs: Record<string, number | null>;
  /** The account facts that day (tools/backtest/account-facts), for the churn model. */
  facts?: Record<string, number | null>;
}

export interface TierRow {
  tier: ReportedTier;
  observations: number;
  churned: number;
  rate: number | null;
  ci: { low: number; high: number } | null;
}

export interface SignalAuc {
  signal: string;
  observations: number;
  churned: number;
  auc: number | null;
}

export interface ScoreBacktestReport {
  observations: number;
  scored: number;
  churned: number;
  base_rate: number | null;
  cutoffs: string[];
  tiers: TierRow[];
  auc: { value: number | null; ci: { low: number; high: number; samples: number } | null };
  deciles: ReturnType<typeof decileTable>['deciles'];
  top_decile_mrr_recall: number | null;
  brier: number | null;
  reliability: ReliabilityBin[];
  dimensions: SignalAuc[];
  inputs: SignalAuc[];
}

/** AUC of a 0–10 signal where a lower value means more risk, over the observations that have it. */
function signalAuc(signal: string, values: readonly { value: number | null; churned: boolean }[]): SignalAuc {
  const present = values.filter((v): v is { value: number; churned: boolean } => v.value !== null);
  return {
    signal,
    observations: present.length,
    churned: present.filter((v) => v.churned).length,
    auc: auc(present.map((v) => ({ risk: -v.value, churned: v.churned }))),
  };
}

const byAucDesc = (a: SignalAuc, b: SignalAuc) =>
  (b.auc ?? -1) - (a.auc ?? -1) || a.signal.localeCompare(b.signal);

/**
 * The probability each tier implies for an observation: the tier's churn rate at the other
 * cutoffs (leave one cutoff out), so the Brier score and reliability are not graded on the very
 * outcomes that set the rates. Null when the tier has no observations elsewhere.
 */
export function tierProbabilities(observations: readonly BacktestObservation[]): (number | null)[] {
  const counts = new Map<string, { n: number; k: number }>();
  const key = (tier: string, cutoff: string) => `${tier}|${cutoff}`;
  const totals = new Map<string, { n: number; k: number }>();
  for (const o of observations) {
    for (const [map, k] of [
      [counts, key(o.tier, o.cutoff)],
      [totals, o.tier],
    ] as const) {
      const c = map.get(k) ?? { n: 0, k: 0 };
      c.n += 1;
      c.k += o.churned ? 1 : 0;
      map.set(k, c);
    }
  }
  return observations.map((o) => {
    const all = totals.get(o.tier) as { n: number; k: number };
    const own = counts.get(key(o.tier, o.cutoff)) as { n: number; k: number };
    const n = all.n - own.n;
    return n > 0 ? (all.k - own.k) / n : null;
  });
}

/**
 * Score against outcome over point-in-time observations: churn rate by tier with Wilson
 * intervals, the AUC of the score with a seeded bootstrap interval, the decile table with lift
 * and MRR-weighted recall, the Brier score and reliability of the tier-implied probability, and
 * the AUC of every dimension and input. Unscored observations count in their own tier row and in
 * nothing that ranks by score. Pure given `random`.
 */
export function scoreBacktest(
  observations: readonly BacktestObservation[],
  options: { random: () => number; bootstrapSamples: number },
): ScoreBacktestReport {
  const scored = observations.filter((o): o is BacktestObservation & { score: number } => o.score !== null);
  const churned = observations.filter((o) => o.churned).length;
  const tiers: TierRow[] = REPORTED_TIERS.map((tier) => {
    const members = observations.filter((o) => o.tier === tier);
    const k = members.filter((o) => o.churned).length;
    return {
      tier,
      observations: members.length,
      churned: k,
      rate: members.length > 0 ? k / members.length : null,
      ci: wilsonInterval(k, members.length),
    };
  });
  const risks = scored.map((o) => ({ risk: 100 - o.score, churned: o.churned, mrrCents: o.mrr_cents }));
  const { deciles, top_decile_mrr_recall } = decileTable(risks);
  const implied = tierProbabilities(scored);
  const calibrated = scored.flatMap((o, i) =>
    implied[i] === null || implied[i] === undefined
      ? []
      : [{ probability: implied[i] as number, churned: o.churned }],
  );
  const inputNames = [...new Set(scored.flatMap((o) => Object.keys(o.inputs)))].sort();
  return {
    observations: observations.length,
    scored: scored.length,
    churned,
    base_rate: observations.length > 0 ? churned / observations.length : null,
    cutoffs: [...new Set(observations.map((o) => o.cutoff))].sort(),
    tiers,
    auc: {
      value: auc(risks),
      ci: bootstrapAucInterval(risks, { samples: options.bootstrapSamples, random: options.random }),
    },
    deciles,
    top_decile_mrr_recall,
    brier: brierScore(calibrated),
    reliability: reliabilityBins(calibrated).filter((b) => b.observations > 0),
    dimensions: DIMENSIONS.map((d) =>
      signalAuc(
        d,
        scored.map((o) => ({ value: o.dimensions[d] ?? null, churned: o.churned })),
      ),
    ).sort(byAucDesc),
    inputs: inputNames
      .map((name) =>
        signalAuc(
          name,
          scored.map((o) => ({ value: o.inputs[name] ?? null, churned: o.churned })),
        ),
      )
      .filter((s) => s.observations > 0)
      .sort(byAucDesc),
  };
}
