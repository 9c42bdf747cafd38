/**
 * Duplicate suggestions and the decisions people make on them.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export {
  decidedPairDecision,
  decideSuggestedPair,
  recordUnmergeDecision,
  saveSuggestions,
} from '../store/repositories/duplicate-pairs.ts';
