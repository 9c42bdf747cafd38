/**
 * Roadmap items, the requests linked to them and what shipped.
 *
 * Answers, jobs and Slack surfaces reach the store through facts/ (DESIGN §14), never through
 * store/repositories: the rule a figure follows lives beside its query, in one place.
 */
export {
  findRoadmapItem,
  listRoadmapKeys,
  type RoadmapChange,
  type RoadmapItem,
  requestingItems,
  requestOwner,
  shippedRequestOf,
  shippedRoadmapItems,
  unannouncedRoadmapChanges,
} from '../store/repositories/roadmap.ts';
