import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

export const ENGAGEMENT_LEVELS = ['power_user', 'regular', 'casual', 'dormant', 'ghost'] as const;
export type EngagementLevelId = (typeof ENGAGEMENT_LEVELS)[number];

const Described = {
  label: z.string().min(1),
  behaviour: z.string().min(1),
  renewal_odds: z.string().min(1),
  action: z.string().min(1),
};

/**
 * The engagement-to-retention mapping (knowledge/health/engagement-levels.json): each level's
 * minimum stickiness and feature breadth, its expected renewal odds and its action, and when an
 * account becomes a ghost. Versioned; echoed wherever a level is shown.
 */
export const EngagementLevels = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    ghost_after_days: z.number().int().positive(),
    levels: z
      .array(
        z
          .object({
            level: z.enum(
              ENGAGEMENT_LEVELS.filter((l) => l !== 'ghost') as [EngagementLevelId, ...EngagementLevelId[]],
            ),
            min_dau_mau: z.number().min(0).max(1),
            min_feature_breadth: z.number().min(0).max(1),
            ...Described,
          })
          .strict(),
      )
      .min(1)
      .refine(
        (ls) => ls.at(-1)?.min_dau_mau === 0 && ls.at(-1)?.min_feature_breadth === 0,
        'the last level must take every active account (minimums 0)',
      ),
    ghost: z.object({ level: z.literal('ghost'), ...Described }).strict(),
  })
  .strict();
export type EngagementLevels = z.infer<typeof EngagementLevels>;

let cached: EngagementLevels | undefined;
export function engagementLevels(): EngagementLevels {
  cached ??= loadKnowledge('health/engagement-levels.json', EngagementLevels);
  return cached;
}
