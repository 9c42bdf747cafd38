/**
 * Roadmap items, status changes and request links, with the claims that announce them once.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export {
  claimRoadmapChange,
  ensureRoadmapItem,
  linkRequest,
  recordRoadmapChange,
  releaseRoadmapChange,
  setRoadmapStatus,
} from '../store/repositories/roadmap.ts';
