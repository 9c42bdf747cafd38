/**
 * The churn models fitted on the team's history.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export {
  latestChurnModel,
  type StoredTrackRecord,
  saveChurnModel,
} from '../store/repositories/churn-models.ts';
