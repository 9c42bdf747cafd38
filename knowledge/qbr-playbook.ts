import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

export const QBR_SECTIONS = [
  'opening',
  'value_delivered',
  'usage_and_health',
  'support_review',
  'recommendations',
  'customer_voice',
  'next_steps',
] as const;
export type QbrSection = (typeof QBR_SECTIONS)[number];

/** The 60-minute QBR agenda, its look-back windows and the follow-up email (knowledge/plans/qbr.json). */
export const QbrPlaybook = z
  .object({
    agenda: z
      .array(
        z
          .object({ section: z.enum(QBR_SECTIONS), title: z.string(), minutes: z.number().int().min(1) })
          .strict(),
      )
      .refine((a) => a.reduce((s, x) => s + x.minutes, 0) === 60, 'agenda minutes must sum to 60')
      .refine(
        (a) => QBR_SECTIONS.every((s) => a.some((x) => x.section === s)),
        `agenda needs every section: ${QBR_SECTIONS.join(', ')}`,
      ),
    usage_window_days: z.number().int().min(28),
    health_lookback_days: z.array(z.number().int().min(1)).min(1),
    expansion_sizing: z
      .object({
        tier_upgrade: z.object({ uplift_percent: z.number().min(0), assumption: z.string() }).strict(),
        cross_sell: z.object({ uplift_percent: z.number().min(0), assumption: z.string() }).strict(),
        land_and_expand: z
          .object({ pilot_share_of_seats: z.number().min(0).max(1), assumption: z.string() })
          .strict(),
      })
      .strict(),
    max_recommendations: z.number().int().min(1).max(2),
    last_qbr_within_days: z.number().int().min(1),
    usage_fresh_within_days: z.number().int().min(1),
    follow_up_email: z.object({ subject: z.string(), body: z.array(z.string()) }).strict(),
  })
  .strict();
export type QbrPlaybook = z.infer<typeof QbrPlaybook>;

let cached: QbrPlaybook | undefined;
export function qbrPlaybook(): QbrPlaybook {
  cached ??= loadKnowledge('plans/qbr.json', QbrPlaybook);
  return cached;
}
