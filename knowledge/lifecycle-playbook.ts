import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

export const PLAN_KINDS = ['success_plan', 'qbr_prep', 'renewal_prep', 'save_play'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

const Steps = z.array(z.string().min(1));
const PlanSteps = z
  .object(Object.fromEntries(PLAN_KINDS.map((k) => [k, Steps])) as Record<PlanKind, typeof Steps>)
  .strict();

const Stage = z
  .object({
    id: z.string().min(1),
    label: z.string().min(1),
    from_month: z.number().int().min(0),
    focus: z.string().min(1),
    steps: PlanSteps,
  })
  .strict();

const Strategy = z.object({ strategy: z.string().min(1), how: z.string().min(1), steps: Steps }).strict();

/**
 * The playbook's maturity stages (year 1, year 2, year 3+) and segment strategies with the steps
 * each adds to a plan, the CS tiers by ARR with their touch cadence (the touch-cadence alert reads
 * them too), and the transition plan after a move to a lower tier (knowledge/plans/lifecycle.json).
 */
export const LifecyclePlaybook = z
  .object({
    version: z.string().min(1),
    stages: z
      .array(Stage)
      .min(1)
      .refine((s) => s[0]?.from_month === 0, 'the first stage starts at month 0')
      .refine(
        (s) => s.every((x, k) => k === 0 || x.from_month > (s[k - 1]?.from_month ?? 0)),
        'stages are in order of from_month',
      ),
    segments: z.object({
      enterprise: Strategy,
      'mid-market': Strategy,
      smb: Strategy,
      'self-serve': Strategy,
    }),
    cs_tiers: z
      .array(
        z
          .object({
            id: z.string().min(1),
            /** How the tier is named in sentences ("the SMB cadence"). */
            name: z.string().min(1),
            label: z.string().min(1),
            min_arr: z.number().min(0),
            /** The playbook's touch cadence: a sync every N days (null: none, automated). */
            sync_every_days: z.number().int().positive().nullable(),
          })
          .strict(),
      )
      .min(1)
      .refine((t) => t.at(-1)?.min_arr === 0, 'the last tier starts at 0 ARR')
      .refine(
        (t) => t.every((x, k) => k === 0 || x.min_arr < (t[k - 1]?.min_arr ?? 0)),
        'tiers are in order of min_arr, highest first',
      ),
    tier_transition: z
      .object({ lookback_months: z.number().int().min(1).max(24), steps: Steps.min(1) })
      .strict(),
  })
  .strict();
export type LifecyclePlaybook = z.infer<typeof LifecyclePlaybook>;

let cached: LifecyclePlaybook | undefined;
export function lifecyclePlaybook(): LifecyclePlaybook {
  cached ??= loadKnowledge('plans/lifecycle.json', LifecyclePlaybook);
  return cached;
}

export type CsTier = LifecyclePlaybook['cs_tiers'][number];
