import { z } from 'zod';
import { TICKET_SEVERITIES, type TicketSeverity } from '../core/tickets.ts';
import { loadKnowledge } from './load-knowledge.ts';

export const DIMENSIONS = ['product_usage', 'engagement', 'relationship', 'outcomes', 'financial'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const Weights = z
  .object(Object.fromEntries(DIMENSIONS.map((d) => [d, z.number().min(0)])) as Record<Dimension, z.ZodNumber>)
  .strict();
const Band = z
  .object({
    low: z.number(),
    high: z.number(),
    top: z.number(),
    direction: z.enum(['higher_is_better', 'lower_is_better']),
  })
  .strict()
  .refine((b) => b.low < b.high && b.high < b.top, 'needs low < high < top');
const TrendBand = z
  .object({
    low: z.number().positive(),
    high: z.number().positive(),
    floor: z.number().positive(),
    top: z.number().positive(),
  })
  .strict()
  .refine((b) => b.floor < b.low && b.low < b.high && b.high < b.top, 'needs floor < low < high < top');
const Tier = z.enum(['thriving', 'healthy', 'at-risk', 'critical']);

/**
 * The health model as data (knowledge/health/health-model.json): weights per segment, band
 * edges per input, tier thresholds, and the playbook per tier. Validated at load; a bad key
 * stops start-up with its path named.
 */
export const HealthModel = z
  .object({
    model_version: z.string().min(1),
    tiers: z
      .object({ thriving: z.number(), healthy: z.number(), 'at-risk': z.number() })
      .strict()
      .refine(
        (t) => t.thriving > t.healthy && t.healthy > t['at-risk'],
        'needs thriving > healthy > at-risk',
      ),
    /**
     * A score only when there is evidence for it: the share of the segment's weight that must come
     * from dimensions with data, and where each dimension's data comes from (for the answer that
     * says what is missing).
     */
    evidence: z
      .object({
        min_weight_coverage: z.number().min(0).max(1),
        sources: z
          .object(
            Object.fromEntries(DIMENSIONS.map((d) => [d, z.string().min(1)])) as Record<
              Dimension,
              z.ZodString
            >,
          )
          .strict(),
      })
      .strict(),
    weights: z.object({ default: Weights }).catchall(Weights),
    bands: z
      .object({
        dau_mau: Band,
        feature_breadth: Band,
        trend: TrendBand,
        ticket_load_30d: Band,
        days_since_proactive_touch: Band,
        days_since_exec_touch: Band,
      })
      .strict(),
    ticket_severity_weight: z
      .object(
        Object.fromEntries(TICKET_SEVERITIES.map((s) => [s, z.number()])) as Record<
          TicketSeverity,
          z.ZodNumber
        >,
      )
      .strict(),
    late_payment_days: z.number().int().min(0),
    playbooks: z.record(Tier, z.array(z.string().min(1)).min(1)),
  })
  .strict();
export type HealthModel = z.infer<typeof HealthModel>;
export type HealthTier = z.infer<typeof Tier>;
/** What an answer, a snapshot or a report shows: a tier, or `unscored` when the data is too thin to score. */
export type ReportedTier = HealthTier | 'unscored';
export const REPORTED_TIERS = ['thriving', 'healthy', 'at-risk', 'critical', 'unscored'] as const;

let cached: HealthModel | undefined;

/** Replaces the model in use (an accepted proposal, or a test); the next healthModel() returns it. */
export function useHealthModel(model: HealthModel | undefined): void {
  cached = model;
}

export function healthModel(): HealthModel {
  cached ??= loadKnowledge('health/health-model.json', HealthModel);
  return cached;
}

/** The weights for a segment: its override if there is one, else the default. */
export function weightsFor(model: HealthModel, segment: string | null): Record<Dimension, number> {
  return (segment && model.weights[segment]) || model.weights.default;
}
