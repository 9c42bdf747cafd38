import type { MetricsSettings } from '../knowledge/metrics-settings.ts';

/** The definitions every revenue report states (METRICS.md v1), in plain words with the formula. */
export const METRIC_DEFINITIONS = {
  version: 'METRICS.md v1',
  mrr: 'month-end MRR per account, normalised (annual ÷ 12, net of recurring discounts); a missing month is 0',
  movements:
    'per account and month vs the month before: new (first payment), reactivation (a former customer returns), expansion, contraction (still paying, less), churn (to 0)',
  nrr: 'NRR = Σ MRR at end ÷ Σ MRR at start, over the accounts paying at the start (new logos excluded; returning members count at their end MRR); trailing 12 = start 12 months before the month',
  grr: 'GRR = Σ min(MRR at end, MRR at start) ÷ Σ MRR at start over the same accounts (≤ 100%)',
  expansion_rate: 'expansion rate = Σ max(0, end − start) ÷ Σ start = NRR − GRR',
  logo_retention:
    'logo retention = start accounts still paying at the end ÷ start accounts; strict = paying in every month of the window',
  gross_mrr_churn_rate: 'gross MRR churn rate (monthly) = (churn + contraction) ÷ starting MRR',
  quick_ratio: 'quick ratio = (new + expansion) ÷ (churn + contraction); also shown including reactivation',
  bridge:
    'bridge over the trailing-12 window: start MRR of the start accounts + expansion − contraction − churn = their MRR now, per account net change',
  cohorts:
    'cohort = first paid month; accounts paying in the first data month are left-censored; logo cell = active ÷ size; revenue cell = cohort MRR ÷ cohort MRR in its first month (net)',
  ratios: 'ratios are num/den with the value rounded to 6 decimals; a zero denominator is null, never 0',
} as const;

export const RENEWAL_PIPELINE_DEFINITION =
  'renewal pipeline (METRICS.md §6): accounts paying in the revenue month with a renewal date (monthly auto-renewals excluded unless include_monthly_renewals), by days from the as-of date: 0_30, 31_60, 61_90, overdue (< 0), beyond_90; next_30/60/90 cumulative; ARR = current MRR × 12';

export const HEALTH_DISTRIBUTION_DEFINITION =
  'health distribution (METRICS.md §7): accounts paying in the revenue month by health tier (latest health snapshot, else an imported health_tier, else unknown), with count, ARR = MRR × 12, and shares of count and ARR';

export function settingsUsed(settings: MetricsSettings) {
  return {
    reactivation_window_months: settings.reactivation_window_months,
    include_monthly_renewals: settings.include_monthly_renewals,
    quick_ratio: settings.quick_ratio,
    cohort_cells: settings.cohort_cells,
  };
}
