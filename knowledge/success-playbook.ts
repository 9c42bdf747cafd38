import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

export const USAGE_SOURCES = ['wau', 'seats_active', 'features_used', 'core_actions'] as const;
export type UsageSource = (typeof USAGE_SOURCES)[number];

const DefaultGoal = z
  .object({
    objective: z.string(),
    metric: z.string(),
    source: z.enum(USAGE_SOURCES),
    uplift_percent: z.number().min(0).optional(),
    target_share_of_seats: z.number().min(0).max(1).optional(),
    target_share_of_features: z.number().min(0).max(1).optional(),
    due_index: z.number().int().min(0),
  })
  .strict()
  .refine(
    (g) =>
      [g.uplift_percent, g.target_share_of_seats, g.target_share_of_features].filter((x) => x !== undefined)
        .length === 1,
    'a default goal sets exactly one of uplift_percent, target_share_of_seats, target_share_of_features',
  );
export type DefaultGoal = z.infer<typeof DefaultGoal>;

/** Success-plan defaults per segment and the goal metrics the usage data can measure (knowledge/plans/success.json). */
export const SuccessPlaybook = z
  .object({
    review_every_days: z.number().int().min(7),
    draft_due_days: z.array(z.number().int().min(1)).min(1),
    segments: z.record(z.string(), z.array(DefaultGoal).min(1)),
    observable_metrics: z.record(z.string(), z.enum(USAGE_SOURCES)),
  })
  .strict()
  .refine(
    (p) =>
      Object.values(p.segments).every((goals) => goals.every((g) => g.due_index < p.draft_due_days.length)),
    'every due_index must point into draft_due_days',
  );
export type SuccessPlaybook = z.infer<typeof SuccessPlaybook>;

let cached: SuccessPlaybook | undefined;
export function successPlaybook(): SuccessPlaybook {
  cached ??= loadKnowledge('plans/success.json', SuccessPlaybook);
  return cached;
}
