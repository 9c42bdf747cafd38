import { z } from 'zod';

/** The feedback item a write names: its feedback_id (as `cse feedback export` lists it). */
export const FeedbackItemArgs = z
  .object({ feedback_id: z.string().trim().min(1, 'name the feedback item, e.g. FB-000123').max(200) })
  .strict();

/** Provenance definition shared by the feedback queue's writes. */
export const FEEDBACK_STATE_DEFINITION =
  'an item is new until processed, then open; acknowledged stops its SLA escalation; resolved closes it and every item merged into it';
