import { DIMENSIONS } from '../../knowledge/health-model.ts';

/** A day's health as the backtest and the churn model read it: each dimension's and input's 0–10 score. */
export interface HealthSignals {
  dimensions: Partial<Record<string, number | null>>;
  /** By `dimension.input`. */
  inputs: Record<string, number | null>;
  /** The account facts on the day (tools/backtest/account-facts), when read. */
  facts?: Record<string, number | null>;
}

/** Flattens a score's (or a stored snapshot's) dimensions into signals. Pure. */
export function healthSignals(
  dimensions: Partial<
    Record<string, { score: number | null; inputs?: { name: string; score: number | null }[] }>
  >,
): HealthSignals {
  const signals: HealthSignals = { dimensions: {}, inputs: {} };
  for (const d of DIMENSIONS) {
    const dim = dimensions[d];
    signals.dimensions[d] = dim?.score ?? null;
    for (const i of dim?.inputs ?? []) signals.inputs[`${d}.${i.name}`] = i.score;
  }
  return signals;
}
