import { CseError, ErrorCode } from '../core/errors.ts';
import { type BacktestSettings, backtestSettings } from '../knowledge/backtest-settings.ts';
import type { Queryable } from '../store/db.ts';
import { type ChurnModelFit, fitChurnModel } from '../tools/backtest/churn-model.ts';
import { EVERY_ACCOUNT, monthlyCutoffs, storedObservations } from './backtest-observations.ts';

/** The fit's options as the settings give them. */
export const churnFitOptions = (settings: BacktestSettings) => ({
  lambda: settings.churn_model.lambda,
  trainShare: settings.churn_model.train_share,
  bins: settings.churn_model.reliability_bins,
});

/** The learned churn model on every judged cutoff's stored snapshots, validated out of time. */
export async function fitChurnModelOnSnapshots(
  db: Queryable,
  today: string,
  settings: BacktestSettings = backtestSettings(),
): Promise<ChurnModelFit> {
  const horizon = settings.outcome.horizon_days;
  const cutoffs = await monthlyCutoffs(db, { from: '1900-01-01', to: today, today }, horizon);
  if (cutoffs.judged.length < 2)
    throw new CseError(
      ErrorCode.NotFound,
      `A model validated out of time needs at least 2 judged monthly cutoffs; there is ${cutoffs.judged.length} (${cutoffs.judged.join(', ')})`,
      { hint: 'Back-fill more history: cse score --all --from <a year ago> --to <today> --every week' },
    );
  const { observations } = await storedObservations(db, cutoffs.judged, EVERY_ACCOUNT, settings, today);
  const fit = fitChurnModel(observations, churnFitOptions(settings));
  if (!fit) throw new CseError(ErrorCode.NotFound, 'Too few scored observations to fit a churn model');
  return fit;
}
