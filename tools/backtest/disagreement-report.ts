import { DIMENSIONS } from '../../knowledge/health-model.ts';
import type { Outcome } from './churn-outcome.ts';

/** One "Disagree" with what the backtest knows of it: the reason, who, where, and what happened next. */
export interface JudgedDisagreement {
  account_id: string;
  actor: string;
  segment: string | null;
  reason: string;
  /** The lowest-scoring dimension of the snapshot that day, or null without one. */
  weakest_dimension: string | null;
  outcome: Outcome['kind'];
}

export interface DisagreementReasonRow {
  reason: string;
  disagreements: number;
  accounts: number;
  /** Of those accounts, how many churned or contracted within the horizon, stayed, or are too recent to tell. */
  lost: number;
  retained: number;
  pending: number;
  lost_rate: number | null;
  by_csm: Record<string, number>;
  by_segment: Record<string, number>;
  by_weakest_dimension: Record<string, number>;
}

/** The dimension that scored lowest in a snapshot's dimensions (null without any score). Pure. */
export function weakestDimension(dimensions: Record<string, { score: number | null }> | null): string | null {
  let weakest: string | null = null;
  let low = Number.POSITIVE_INFINITY;
  for (const d of DIMENSIONS) {
    const score = dimensions?.[d]?.score;
    if (score !== null && score !== undefined && score < low) {
      low = score;
      weakest = d;
    }
  }
  return weakest;
}

const tally = (values: readonly string[]) =>
  Object.fromEntries([...new Set(values)].sort().map((v) => [v, values.filter((x) => x === v).length]));

/**
 * The disagree calibration report: per reason code, how many disagreements and accounts, by CSM,
 * segment and weakest dimension, and what happened next — for each account its latest
 * disagreement of that reason decides (churned or contracted, retained, or still inside the
 * horizon). Pure.
 */
export function disagreementReport(rows: readonly JudgedDisagreement[]): DisagreementReasonRow[] {
  const reasons = [...new Set(rows.map((r) => r.reason))].sort();
  return reasons.map((reason) => {
    const of = rows.filter((r) => r.reason === reason);
    const latest = new Map(of.map((r) => [r.account_id, r]));
    const outcomes = [...latest.values()].map((r) => r.outcome);
    const lost = outcomes.filter((o) => o === 'churned' || o === 'contracted').length;
    const retained = outcomes.filter((o) => o === 'retained').length;
    return {
      reason,
      disagreements: of.length,
      accounts: latest.size,
      lost,
      retained,
      pending: outcomes.filter((o) => o === 'pending').length,
      lost_rate: lost + retained > 0 ? lost / (lost + retained) : null,
      by_csm: tally(of.map((r) => r.actor)),
      by_segment: tally(of.map((r) => r.segment ?? 'no segment')),
      by_weakest_dimension: tally(of.map((r) => r.weakest_dimension ?? 'no snapshot')),
    };
  });
}
