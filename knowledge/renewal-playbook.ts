import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

const TOUCH_KINDS = ['call', 'email', 'meeting', 'qbr', 'exec_touch'] as const;

/** The renewal sequence, talk tracks and option thresholds (knowledge/plans/renewal.json). */
export const RenewalPlaybook = z
  .object({
    steps: z
      .array(
        z
          .object({
            offset_days: z.number().int().max(0),
            action: z.string().min(1),
            owner: z.enum(['csm', 'leader']),
            done_by: z.array(z.enum(TOUCH_KINDS)).min(1),
          })
          .strict(),
      )
      .min(1),
    /** A touchpoint this many days before a step's date (or later) counts as doing it. */
    done_window_days: z.number().int().min(0),
    /** A step whose date is within this many days from today is due. */
    due_window_days: z.number().int().min(0),
    talk_tracks: z
      .object({
        thriving: z.string(),
        healthy: z.string(),
        'at-risk': z.string(),
        critical: z.string(),
        unscored: z.string(),
      })
      .strict(),
    options: z
      .object({
        multi_year_min_score: z.number(),
        expansion_min_score: z.number(),
        multi_year_discount_percent: z.number().min(0).max(100),
      })
      .strict(),
  })
  .strict();
export type RenewalPlaybook = z.infer<typeof RenewalPlaybook>;

let cached: RenewalPlaybook | undefined;
export function renewalPlaybook(): RenewalPlaybook {
  cached ??= loadKnowledge('plans/renewal.json', RenewalPlaybook);
  return cached;
}
