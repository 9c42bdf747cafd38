/**
 * An account's success-plan goals.
 *
 * Answers, jobs and Slack surfaces reach the store through facts/ (DESIGN §14), never through
 * store/repositories: the rule a figure follows lives beside its query, in one place.
 */
export { goalsForAccount } from '../store/repositories/goals.ts';
