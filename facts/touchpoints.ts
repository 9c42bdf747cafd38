/**
 * An account's touchpoints (calls, emails, meetings, QBRs).
 *
 * Answers, jobs and Slack surfaces reach the store through facts/ (DESIGN §14), never through
 * store/repositories: the rule a figure follows lives beside its query, in one place.
 */
export { touchpointsForAccount } from '../store/repositories/touchpoints.ts';
