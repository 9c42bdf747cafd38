/** Action ids of the buttons on feedback notifications; handled in listeners/actions/feedback.ts. */
export const FEEDBACK_ACTION = {
  acknowledge: 'fb_acknowledge',
  resolve: 'fb_resolve',
  reassign: 'fb_reassign',
  notDuplicate: 'fb_not_duplicate',
} as const;
