import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

export const EXPANSION_PLAYS = ['seat_expansion', 'tier_upgrade', 'cross_sell', 'land_and_expand'] as const;
export type ExpansionPlay = (typeof EXPANSION_PLAYS)[number];
export const EXPANSION_SIGNAL_IDS = [
  'usage_limit_hit',
  'new_team_interest',
  'higher_tier_request',
  'funding_round',
  'champion_promoted',
  'api_access_request',
  'acquired_company',
  'high_health_near_renewal',
  'seats_over_80_percent',
] as const;
export type ExpansionSignalId = (typeof EXPANSION_SIGNAL_IDS)[number];

const Signal = z
  .object({
    label: z.string(),
    heat: z.enum(['hot', 'warm']),
    play: z.enum(EXPANSION_PLAYS),
    window_days: z.number().int().positive().optional(),
    min_score: z.number().optional(),
    renewal_within_days: z.number().int().positive().optional(),
    utilisation_above: z.number().positive().optional(),
  })
  .strict();

/** Expansion signals, lead-score weights and plays as data (knowledge/risk/expansion.json). */
export const ExpansionConfig = z
  .object({
    signals: z
      .object(
        Object.fromEntries(EXPANSION_SIGNAL_IDS.map((id) => [id, Signal])) as Record<
          ExpansionSignalId,
          typeof Signal
        >,
      )
      .strict(),
    lead_score_weights: z
      .object({
        usage_growth: z.number(),
        feature_adoption: z.number(),
        sentiment: z.number(),
        footprint: z.number(),
        arr_potential: z.number(),
      })
      .strict()
      .refine((w) => Object.values(w).reduce((a, b) => a + b, 0) === 100, 'weights must add up to 100'),
    plays: z
      .object(
        Object.fromEntries(
          EXPANSION_PLAYS.map((p) => [
            p,
            z.object({ title: z.string(), steps: z.array(z.string()).min(1) }).strict(),
          ]),
        ) as Record<ExpansionPlay, z.ZodObject<{ title: z.ZodString; steps: z.ZodArray<z.ZodString> }>>,
      )
      .strict(),
  })
  .strict();
export type ExpansionConfig = z.infer<typeof ExpansionConfig>;

let cached: ExpansionConfig | undefined;
export function expansionConfig(): ExpansionConfig {
  cached ??= loadKnowledge('risk/expansion.json', ExpansionConfig);
  return cached;
}
