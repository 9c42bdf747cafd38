import { centsToAmount } from '../core/money.ts';
import type { Cohort } from '../tools/metrics/cohorts.ts';
import type { HealthDistribution } from '../tools/metrics/health-distribution.ts';
import type { MonthlyMovements, Movement } from '../tools/metrics/movements.ts';
import { ratioInUnits } from '../tools/metrics/ratio.ts';
import type { RenewalPipeline } from '../tools/metrics/renewal-pipeline.ts';
import type { TrailingRetention } from '../tools/metrics/trailing-retention.ts';

/**
 * The JSON shapes of the revenue reports: the field names of the worked example in
 * METRICS.md's fixture (expected.json), money in the currency's major unit.
 */
export function monthlyEntry(m: MonthlyMovements) {
  const money = centsToAmount;
  return {
    month: m.month,
    starting_mrr: money(m.startingCents),
    new_mrr: money(m.newCents),
    expansion_mrr: money(m.expansionCents),
    contraction_mrr: money(m.contractionCents),
    churn_mrr: money(m.churnCents),
    reactivation_mrr: money(m.reactivationCents),
    net_new_mrr: money(m.netNewCents),
    ending_mrr: money(m.endingCents),
    customers_start: m.customersStart,
    customers_new: m.customersNew,
    customers_reactivated: m.customersReactivated,
    customers_churned: m.customersChurned,
    customers_end: m.customersEnd,
    nrr: ratioInUnits(m.nrr),
    grr: ratioInUnits(m.grr),
    logo_retention: m.logoRetention,
    logo_churn_rate: m.logoChurnRate,
    gross_mrr_churn_rate: ratioInUnits(m.grossMrrChurnRate),
    expansion_rate: ratioInUnits(m.expansionRate),
    quick_ratio: ratioInUnits(m.quickRatio),
    quick_ratio_incl_reactivation: ratioInUnits(m.quickRatioInclReactivation),
  };
}

export function trailingEntry(t: TrailingRetention) {
  return {
    month: t.month,
    base_month: t.baseMonth,
    cohort_size: t.cohortSize,
    cohort_accounts: t.cohortAccounts,
    base_mrr: centsToAmount(t.baseCents),
    cohort_mrr_now: centsToAmount(t.cohortNowCents),
    nrr: ratioInUnits(t.nrr),
    grr: ratioInUnits(t.grr),
    expansion_rate: ratioInUnits(t.expansionRate),
    logo_retention: t.logoRetention,
    logo_retention_strict: t.logoRetentionStrict,
    alternatives: {
      nrr_arr_bridge_all_accounts: ratioInUnits(t.alternatives.nrrArrBridgeAllAccounts),
      grr_arr_bridge_all_accounts: ratioInUnits(t.alternatives.grrArrBridgeAllAccounts),
      nrr_start_cohort_movements_excl_reactivation: ratioInUnits(
        t.alternatives.nrrStartCohortMovementsExclReactivation,
      ),
      grr_start_cohort_movements: ratioInUnits(t.alternatives.grrStartCohortMovements),
      nrr_compounded_monthly: t.alternatives.nrrCompoundedMonthly,
      grr_compounded_monthly: t.alternatives.grrCompoundedMonthly,
    },
  };
}

export function cohortEntry(c: Cohort) {
  return {
    cohort: c.cohort,
    left_censored: c.leftCensored,
    accounts: c.accounts,
    size: c.size,
    base_mrr: centsToAmount(c.baseCents),
    cells: c.cells.map((cell) => ({
      k: cell.k,
      month: cell.month,
      active_logos: cell.activeLogos,
      logo_retention: cell.logoRetention,
      mrr: centsToAmount(cell.mrrCents),
      revenue_retention: ratioInUnits(cell.revenueRetention),
    })),
  };
}

export function movementEntry(m: Movement) {
  return { account_id: m.accountId, month: m.month, type: m.type, amount: centsToAmount(m.amountCents) };
}

export function pipelineShape(p: RenewalPipeline) {
  const bucket = (b: RenewalPipeline['0_30']) => ({
    accounts: b.accounts,
    count: b.count,
    arr: centsToAmount(b.arrCents),
  });
  const total = (b: RenewalPipeline['next_30']) => ({ count: b.count, arr: centsToAmount(b.arrCents) });
  return {
    '0_30': bucket(p['0_30']),
    '31_60': bucket(p['31_60']),
    '61_90': bucket(p['61_90']),
    overdue: bucket(p.overdue),
    beyond_90: bucket(p.beyond_90),
    next_30: total(p.next_30),
    next_60: total(p.next_60),
    next_90: total(p.next_90),
  };
}

export function distributionShape(d: HealthDistribution) {
  return {
    active_accounts: d.activeAccounts,
    total_arr: centsToAmount(d.totalArrCents),
    tiers: Object.fromEntries(
      Object.entries(d.tiers).map(([tier, t]) => [
        tier,
        {
          accounts: t.accounts,
          count: t.count,
          arr: centsToAmount(t.arrCents),
          count_share: t.countShare,
          arr_share: ratioInUnits(t.arrShare),
        },
      ]),
    ),
  };
}
