import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

/**
 * How the score is held to account (knowledge/health/backtest.json): what counts as a loss and
 * within what horizon, the bootstrap, the learned churn model and when churn_risk may show its
 * probability, and how much AUC a health-model proposal may lose before it is refused.
 */
export const BacktestSettings = z
  .object({
    version: z.string().min(1),
    outcome: z
      .object({
        horizon_days: z.number().int().min(7).max(730),
        contraction_share: z.number().gt(0).lt(1),
      })
      .strict(),
    cutoffs: z.literal('monthly'),
    bootstrap: z.object({ samples: z.number().int().min(100).max(20_000), seed: z.number().int() }).strict(),
    churn_model: z
      .object({
        lambda: z.number().min(0),
        train_share: z.number().gt(0).lt(1),
        reliability_bins: z.number().int().min(2).max(50),
        show_probability: z
          .object({
            min_validation_observations: z.number().int().min(1),
            min_validation_churned: z.number().int().min(1),
            max_calibration_error: z.number().gt(0).lt(1),
            min_bin_observations: z.number().int().min(1),
          })
          .strict(),
      })
      .strict(),
    proposals: z.object({ max_auc_drop: z.number().min(0).max(1) }).strict(),
  })
  .strict();
export type BacktestSettings = z.infer<typeof BacktestSettings>;

let cached: BacktestSettings | undefined;

export function backtestSettings(): BacktestSettings {
  cached ??= loadKnowledge('health/backtest.json', BacktestSettings);
  return cached;
}
