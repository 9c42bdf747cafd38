/**
 * What the score backtest and the model evidence read: snapshots per day, outcomes, data quality.
 *
 * Answers, jobs and Slack surfaces reach the store through facts/ (DESIGN §14), never through
 * store/repositories: the rule a figure follows lives beside its query, in one place.
 */
export {
  type BacktestScope,
  type BacktestSnapshot,
  dataQualityCounts,
  lastRevenueMonth,
  snapshotDays,
  snapshotsOn,
} from '../store/repositories/backtest-data.ts';
