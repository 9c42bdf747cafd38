import { z } from 'zod';
import { THEME_IDS } from './feedback-themes.ts';
import { loadKnowledge } from './load-knowledge.ts';

/**
 * The feedback loop's settings (knowledge/feedback/loop.json): SLA hours by segment, the dedup
 * threshold and search width, the NPS action framework and the priority score's weights.
 */
export const FeedbackLoopSettings = z
  .object({
    sla_hours: z.record(z.string(), z.number().positive()),
    default_sla_hours: z.number().positive(),
    dedup: z
      .object({
        /** At or above: merged without asking anyone (calibrated for precision ≥ 0.95). */
        threshold: z.number().min(0).max(1),
        /** From here up to the threshold, the subject judge decides (tools/feedback/dedup-judge); equal to the threshold: off. */
        judge_from: z.number().min(0).max(1),
        /** From here up to the threshold, the owner is shown the request as a possible duplicate. */
        suggest_from: z.number().min(0).max(1),
        /** At most this many possible duplicates per item. */
        suggestions: z.number().int().min(0).max(10),
        neighbours: z.number().int().min(1).max(100),
        ef_search: z.number().int().min(10).max(1000),
      })
      .strict()
      .refine((d) => d.judge_from <= d.threshold, {
        message: 'judge_from must not be above threshold',
        path: ['judge_from'],
      })
      .refine((d) => d.suggest_from <= d.threshold, {
        message: 'suggest_from must not be above threshold',
        path: ['suggest_from'],
      }),
    /** Routing that learns: items a person reassigned vote on the owner of new items near them. */
    routing: z
      .object({
        /** How many of the nearest corrected items are read. */
        neighbours: z.number().int().min(1).max(50),
        /** Corrected items below this similarity do not vote. */
        vote_from: z.number().min(0).max(1),
        /** The winning owner needs at least this share of the similarity-weighted vote. */
        min_share: z.number().min(0.5).max(1),
      })
      .strict(),
    nps: z
      .object({
        detractor: z.object({ max: z.number().int(), action: z.string() }),
        passive: z.object({ max: z.number().int(), action: z.string() }),
        promoter: z.object({ max: z.number().int(), action: z.string() }),
      })
      .strict(),
    priority: z
      .object({
        weights: z.object({ demand: z.number(), revenue: z.number(), impact: z.number() }).strict(),
        impact_by_theme: z.record(z.enum(THEME_IDS), z.number().min(0).max(1)),
      })
      .strict(),
  })
  .strict();
export type FeedbackLoopSettings = z.infer<typeof FeedbackLoopSettings>;

let cached: FeedbackLoopSettings | undefined;
export function feedbackLoopSettings(): FeedbackLoopSettings {
  cached ??= loadKnowledge('feedback/loop.json', FeedbackLoopSettings);
  return cached;
}
