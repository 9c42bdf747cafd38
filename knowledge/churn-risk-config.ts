import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

export const CHURN_CATEGORIES = [
  'product',
  'value',
  'relationship',
  'financial',
  'competition',
  'strategic',
] as const;
export type ChurnCategory = (typeof CHURN_CATEGORIES)[number];

const Indicator = z
  .object({
    label: z.string().min(1),
    weight: z.number().min(0),
    category: z.enum(CHURN_CATEGORIES),
    lead_time: z.string(),
    onboarding: z.boolean().optional(),
    window_days: z.number().int().positive().optional(),
    ratio_below: z.number().positive().optional(),
    spike_tickets: z.number().int().positive().optional(),
    spike_window_days: z.number().int().positive().optional(),
    lookback_days: z.number().int().positive().optional(),
    silence_days: z.number().int().positive().optional(),
    renewal_within_days: z.number().int().positive().optional(),
    no_touch_days: z.number().int().positive().optional(),
    churn_words: z.array(z.string().min(1)).optional(),
    activation_below: z.number().positive().optional(),
    min_touchpoints: z.number().int().positive().optional(),
    share_at_least: z.number().positive().max(1).optional(),
    months: z.number().int().positive().optional(),
    /** The indicator's own play, used over its category's when it is the strongest reason. */
    play: z
      .object({ title: z.string().min(1), steps: z.array(z.string().min(1)).min(1) })
      .strict()
      .optional(),
  })
  .strict();

const Intervention = z
  .object({
    after_hours: z.number().int().min(0),
    owner: z.enum(['csm', 'leader']),
    action: z.string().min(1),
  })
  .strict();

export const INDICATOR_IDS = [
  'usage_decline',
  'champion_left',
  'ticket_spike_then_silence',
  'billing_page_visits',
  'competitor_evaluation',
  'data_export',
  'non_renewal_signals',
  'seat_removal',
  'no_login_after_day_3',
  'low_activation_day_30',
  'kickoff_delayed',
  'no_exec_sponsor',
  'integration_failed',
  'acquired_by',
  'champion_burnout',
  'product_decline',
  'said_may_not_renew',
  'said_champion_leaving',
] as const;
export type IndicatorId = (typeof INDICATOR_IDS)[number];

/** Leading indicators, risk levels and save plays as data (knowledge/risk/churn-risk.json). */
export const ChurnRiskConfig = z
  .object({
    indicators: z
      .object(
        Object.fromEntries(INDICATOR_IDS.map((id) => [id, Indicator])) as Record<
          IndicatorId,
          typeof Indicator
        >,
      )
      .strict(),
    onboarding_days: z.number().int().positive(),
    tier_points: z
      .object({ thriving: z.number(), healthy: z.number(), 'at-risk': z.number(), critical: z.number() })
      .strict(),
    renewal_points: z.array(
      z.object({ within_days: z.number().int().positive(), points: z.number() }).strict(),
    ),
    /** ARR in the currency's major unit; the first threshold reached applies. */
    arr_points: z.array(z.object({ at_least: z.number().min(0), points: z.number() }).strict()),
    levels: z.object({ critical: z.number(), high: z.number(), medium: z.number() }).strict(),
    /** The first steps for an at-risk or critical account: hours after the plan starts, and who. */
    tier_interventions: z
      .object({
        critical: z.array(Intervention).min(1),
        'at-risk': z.array(Intervention).min(1),
      })
      .strict(),
    /** Days after the plan starts for the save play's steps, in order (the last repeats). */
    reason_step_days: z.array(z.number().int().min(0)).min(1),
    save_plays: z
      .object(
        Object.fromEntries(
          CHURN_CATEGORIES.map((c) => [
            c,
            z.object({ title: z.string(), steps: z.array(z.string()).min(1) }).strict(),
          ]),
        ) as Record<ChurnCategory, z.ZodObject<{ title: z.ZodString; steps: z.ZodArray<z.ZodString> }>>,
      )
      .strict(),
  })
  .strict();
export type ChurnRiskConfig = z.infer<typeof ChurnRiskConfig>;

let cached: ChurnRiskConfig | undefined;
export function churnRiskConfig(): ChurnRiskConfig {
  cached ??= loadKnowledge('risk/churn-risk.json', ChurnRiskConfig);
  return cached;
}
