import { fitChurnModelOnSnapshots } from '../facts/churn-model-fit.ts';
import { measuredExpansionRate } from '../facts/expansion-at-renewal.ts';
import { forecastTrackRecord } from '../facts/forecast-track-record.ts';
import { type BacktestSettings, backtestSettings } from '../knowledge/backtest-settings.ts';
import { latestChurnModel, type StoredTrackRecord, saveChurnModel } from '../records/churn-models.ts';
import type { Queryable } from '../store/db.ts';
import type { ChurnModelFit } from '../tools/backtest/churn-model.ts';

export interface ModelMeta {
  /** ISO instant of the fit. */
  fittedAt: string;
  fittedBy: string;
  /** The month the fiscal year starts (1–12): the quarters of the track record. */
  fiscalStart?: number;
}

/**
 * Fits the churn model on every judged snapshot, replays the renewal forecast's past quarters with
 * it (facts/forecast-track-record), measures the expansion rate the forecast applies, and stores
 * all three under a new model id. The caller audits it.
 */
export async function fitAndStoreChurnModel(
  db: Queryable,
  today: string,
  meta: ModelMeta,
  settings: BacktestSettings = backtestSettings(),
  fitted?: ChurnModelFit,
): Promise<{ fit: ChurnModelFit; id: string; trackRecord: StoredTrackRecord }> {
  const fit = fitted ?? (await fitChurnModelOnSnapshots(db, today, settings));
  const replayed = await forecastTrackRecord(db, today, settings, { fiscalStart: meta.fiscalStart });
  const trackRecord = { computed_at: meta.fittedAt, ...replayed };
  const id = await saveChurnModel(db, fit, {
    fittedAt: meta.fittedAt,
    fittedBy: meta.fittedBy,
    horizonDays: settings.outcome.horizon_days,
    trackRecord,
    expansionRate: await measuredExpansionRate(db, today),
  });
  return { fit, id, trackRecord };
}

export type RefitOutcome =
  | { refitted: false; reason: string }
  | { refitted: true; id: string; auc: number | null };

/** Days between scheduled refits of the churn model. */
export const REFIT_EVERY_DAYS = 7;

/**
 * The daily run's refit: when the latest model is a week old (or there is none), fit a new one;
 * keep the previous when the new one's out-of-time AUC is more than the proposal rule's drop
 * (`proposals.max_auc_drop`) below it. Returns what happened, for the run's summary.
 */
export async function scheduledRefit(
  db: Queryable,
  today: string,
  meta: ModelMeta,
  settings: BacktestSettings = backtestSettings(),
): Promise<RefitOutcome> {
  const previous = await latestChurnModel(db);
  if (previous && Date.parse(meta.fittedAt) - Date.parse(previous.fitted_at) < REFIT_EVERY_DAYS * 86_400_000)
    return { refitted: false, reason: `${previous.model_id} is less than ${REFIT_EVERY_DAYS} days old` };
  let fit: ChurnModelFit;
  try {
    fit = await fitChurnModelOnSnapshots(db, today, settings);
  } catch (error) {
    return { refitted: false, reason: (error as Error).message };
  }
  const before = previous?.validation.learned.auc ?? null;
  const after = fit.validation.learned.auc;
  if (before !== null && (after === null || after < before - settings.proposals.max_auc_drop))
    return {
      refitted: false,
      reason: `the new fit's out-of-time AUC ${after?.toFixed(3) ?? 'unknown'} is below ${previous?.model_id}'s ${before.toFixed(3)} by more than ${settings.proposals.max_auc_drop}: kept ${previous?.model_id}`,
    };
  const stored = await fitAndStoreChurnModel(db, today, meta, settings, fit);
  return { refitted: true, id: stored.id, auc: stored.fit.validation.learned.auc };
}
