/**
 * Feedback notices in Slack: what was posted, SLA checks and escalations.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export {
  claimEscalation,
  type FeedbackNotice,
  feedbackNotice,
  pendingSlaChecks,
  recordNotified,
  resolveRequest,
} from '../store/repositories/feedback-notices.ts';
