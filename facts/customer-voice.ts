/**
 * NPS, CSAT, QBRs held and onboarding facts over a window (the weekly dashboard's customer side); NPS categories follow tools/feedback/nps.
 *
 * Answers, jobs and Slack surfaces reach the store through facts/ (DESIGN §14), never through
 * store/repositories: the rule a figure follows lives beside its query, in one place.
 */
export {
  csatRatings,
  npsScores,
  onboardingFacts,
  qbrsHeld,
} from '../store/repositories/customer-dashboard.ts';
