import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

const Band = z
  .object({ good: z.number().positive(), great: z.number().positive(), world_class: z.number().positive() })
  .strict();

/**
 * The named options of METRICS.md as team settings (knowledge/metrics/metrics-settings.json),
 * and the NRR bands reports compare against. Every report states the settings it used.
 */
export const MetricsSettings = z
  .object({
    definitions_version: z.string(),
    /** A return after this many zero months counts as New; null = always Reactivation. */
    reactivation_window_months: z.number().int().positive().nullable(),
    /** Count monthly auto-renewals in the renewal pipeline. */
    include_monthly_renewals: z.boolean(),
    /** Headline quick ratio: (new + expansion) or (new + reactivation + expansion) over (churn + contraction). */
    quick_ratio: z.enum(['new_plus_expansion', 'include_reactivation']),
    /** Cohort revenue cells: net (expansion counts) or grr (capped per account). Only net is reported today. */
    cohort_cells: z.literal('net'),
    nrr_bands: z.record(z.enum(['enterprise', 'mid-market', 'smb', 'self-serve', 'all']), Band),
  })
  .strict();
export type MetricsSettings = z.infer<typeof MetricsSettings>;

let cached: MetricsSettings | undefined;

export function metricsSettings(): MetricsSettings {
  cached ??= loadKnowledge('metrics/metrics-settings.json', MetricsSettings);
  return cached;
}
