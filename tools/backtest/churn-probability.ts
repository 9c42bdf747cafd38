import type { BacktestSettings } from '../../knowledge/backtest-settings.ts';
import type { ReliabilityBin } from './calibration.ts';
import { type ChurnModel, churnProbability } from './churn-model.ts';
import { wilsonInterval } from './discrimination.ts';
import type { HealthSignals } from './health-signals.ts';

/** What churn_risk says about a probability: the figure with its evidence, or why there is none. */
export type ProbabilityAnswer =
  | {
      shown: true;
      probability: number;
      horizon_days: number;
      model_id: string;
      /** The validation bin the probability falls in: how many account-months, how many were lost. */
      evidence: { from: number; to: number; observations: number; churned: number; cutoffs: string[] };
    }
  | { shown: false; reason: string };

export interface ValidatedModel {
  model_id: string;
  horizon_days: number;
  model: ChurnModel;
  validation: {
    cutoffs: string[];
    observations: number;
    churned: number;
    reliability: ReliabilityBin[];
    calibration_error: number | null;
    /** Absent on models stored before it was measured. */
    auc_interval?: { low: number; high: number } | null;
    beats_base_rate?: boolean;
    learned?: { auc: number | null };
  };
}

/**
 * Why a stored model is not used at all, or null when it may be: it must beat the base rate out of
 * time, and its validation must be large and well calibrated enough. Pure.
 */
export function modelWithheld(
  stored: ValidatedModel,
  gate: BacktestSettings['churn_model']['show_probability'],
): string | null {
  const v = stored.validation;
  if (v.beats_base_rate === false)
    return `out of time the model ranked lost accounts no better than the base rate (AUC ${v.learned?.auc?.toFixed(2) ?? 'unknown'}, 95 % interval from ${v.auc_interval?.low.toFixed(2) ?? 'unknown'}), so it is not used`;
  if (v.observations < gate.min_validation_observations)
    return `the model was validated on ${v.observations} account-months; ${gate.min_validation_observations} are needed before a probability is shown`;
  if (v.churned < gate.min_validation_churned)
    return `only ${v.churned} accounts were lost in the validation period; ${gate.min_validation_churned} are needed`;
  if (v.calibration_error === null || v.calibration_error > gate.max_calibration_error)
    return `the model's calibration error in validation is ${v.calibration_error === null ? 'unknown' : `${(v.calibration_error * 100).toFixed(1)} points`}, above the ${(gate.max_calibration_error * 100).toFixed(1)} allowed`;
  return null;
}

/**
 * The calibrated probability of churn for one account, shown only when the model's out-of-time
 * validation is large enough and well calibrated and the validation bin it falls in holds enough
 * account-months; otherwise the reason it is withheld. Pure.
 */
export function probabilityAnswer(
  stored: ValidatedModel | null,
  signals: HealthSignals | null,
  gate: BacktestSettings['churn_model']['show_probability'],
): ProbabilityAnswer {
  if (!stored)
    return {
      shown: false,
      reason: 'no churn model has been fitted yet (cse model fit, after a back-fill of snapshots)',
    };
  if (!signals)
    return {
      shown: false,
      reason: 'the account has no health score (not enough data), so the model has nothing to read',
    };
  const withheld = modelWithheld(stored, gate);
  if (withheld) return { shown: false, reason: withheld };
  const v = stored.validation;
  const probability = churnProbability(stored.model, signals);
  const bin = v.reliability.find((b) => probability >= b.from && (probability < b.to || b.to >= 1));
  if (!bin || bin.observations < gate.min_bin_observations)
    return {
      shown: false,
      reason: `${bin?.observations ? `only ${bin.observations}` : 'no'} validation account-month${bin?.observations === 1 ? '' : 's'} had a probability near this one; ${gate.min_bin_observations} are needed`,
    };
  // The bin must agree with itself too: its observed rate's 95 % interval has to hold what the model predicted there.
  const churned = Math.round((bin.observed ?? 0) * bin.observations);
  const interval = wilsonInterval(churned, bin.observations);
  if (!interval || bin.predicted === null || bin.predicted < interval.low || bin.predicted > interval.high)
    return {
      shown: false,
      reason: `near this probability the model predicted ${Math.round((bin.predicted ?? 0) * 100)} % in validation but ${churned} of ${bin.observations} account-months were lost, outside what chance explains`,
    };
  return {
    shown: true,
    probability,
    horizon_days: stored.horizon_days,
    model_id: stored.model_id,
    evidence: {
      from: bin.from,
      to: bin.to,
      observations: bin.observations,
      churned,
      cutoffs: v.cutoffs,
    },
  };
}
