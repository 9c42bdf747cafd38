/**
 * Per-product revenue and usage of multi-product accounts.
 *
 * Answers, jobs and Slack surfaces reach the store through facts/ (DESIGN §14), never through
 * store/repositories: the rule a figure follows lives beside its query, in one place.
 */
export { latestProductMonth, productRevenue, productUsageByAccount } from '../store/repositories/products.ts';
