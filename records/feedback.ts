/**
 * Feedback items logged and the state people give them.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export { insertFeedback } from '../store/repositories/feedback.ts';
export { setFeedbackState, unmergeFeedback } from '../store/repositories/feedback-reports.ts';
