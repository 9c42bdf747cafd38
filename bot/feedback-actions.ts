/** Action ids of the buttons on feedback notifications; handled in listeners/actions/feedback.ts. */
export const FEEDBACK_ACTION = {
  acknowledge: 'fb_acknowledge',
  resolve: 'fb_resolve',
  reassign: 'fb_reassign',
  linkRoadmap: 'fb_link_roadmap',
  notDuplicate: 'fb_not_duplicate',
  mergeSuggested: 'fb_merge_suggested',
  notDuplicateSuggested: 'fb_not_duplicate_suggested',
} as const;

/** A suggestion button's value: the item and the suggested request. Re-checked by the command on click. */
export const suggestionValue = (feedbackId: string, candidateId: string) => `${feedbackId}|${candidateId}`;
export function parseSuggestionValue(
  value: string | undefined,
): { feedback_id: string; candidate_id: string } | null {
  const [feedbackId, candidateId, extra] = (value ?? '').split('|');
  return feedbackId && candidateId && extra === undefined
    ? { feedback_id: feedbackId, candidate_id: candidateId }
    : null;
}
