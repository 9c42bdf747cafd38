/**
 * Slack deliveries claimed, done and retried (each event handled once).
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export {
  claimSlackDelivery,
  markSlackDeliveryDone,
  pruneSlackDeliveries,
  type SlackQuestion,
  STALE_CLAIM_SECONDS,
  takeStaleSlackDeliveries,
} from '../store/repositories/slack-deliveries.ts';
