/**
 * The feedback worker's state: claims, embeddings, the dedup lock and what is unfinished.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export {
  type ClaimedFeedback,
  claimForProcessing,
  claimManyForProcessing,
  countStaleEmbeddings,
  feedbackStatusCounts,
  markDead,
  nearestFeedback,
  saveEmbeddings,
  saveProcessing,
  staleEmbeddings,
  takeDedupLock,
  unfinishedAmong,
  unfinishedFeedback,
} from '../store/repositories/feedback-loop.ts';
