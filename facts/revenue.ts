/**
 * Month-end MRR series and the latest revenue month (ARR itself is facts/arr).
 *
 * Answers, jobs and Slack surfaces reach the store through facts/ (DESIGN §14), never through
 * store/repositories: the rule a figure follows lives beside its query, in one place.
 */
export { latestRevenueMonth, mrrSeriesWindow, revenueForAccount } from '../store/repositories/revenue.ts';
