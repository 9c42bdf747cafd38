/**
 * Health inputs, snapshots and the accounts active on a day, and what CSMs disagreed with.
 *
 * Answers, jobs and Slack surfaces reach the store through facts/ (DESIGN §14), never through
 * store/repositories: the rule a figure follows lives beside its query, in one place.
 */
export { healthData } from '../store/repositories/health-data.ts';
export {
  DISAGREEMENT_REASONS,
  type DisagreementReason,
  disagreementFacts,
} from '../store/repositories/health-disagreements.ts';
export {
  accountIdsActiveOn,
  activeAccountIds,
  snapshotHistory,
  snapshotOnOrBefore,
} from '../store/repositories/health-snapshots.ts';
