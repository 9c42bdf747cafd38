import { compareText } from '../compare-text.ts';
import { type MrrGrid, mrrAt } from './mrr-grid.ts';
import { type Ratio, ratio } from './ratio.ts';

export type MovementType = 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation';

/** One account's net MRR movement in one month (METRICS.md §2), in cents. */
export interface Movement {
  accountId: string;
  month: string;
  type: MovementType;
  amountCents: number;
}

export interface MovementOptions {
  /**
   * `reactivation_window_months`: a return after this many zero months or more counts as New
   * (Maxio uses 90 days ≈ 3). Null (default): any return of a former customer is Reactivation.
   */
  reactivationWindowMonths?: number | null;
}

/** Classifies month m against m−1 for one account; `zeroRun` is the length of the gap before m. */
function classify(
  prev: number,
  cur: number,
  ever: boolean,
  zeroRun: number,
  options: MovementOptions,
): { type: MovementType; amount: number } | null {
  if (prev === 0 && cur > 0) {
    const window = options.reactivationWindowMonths ?? null;
    const returning = ever && (window === null || zeroRun < window);
    return { type: returning ? 'reactivation' : 'new', amount: cur };
  }
  if (prev > 0 && cur > prev) return { type: 'expansion', amount: cur - prev };
  if (prev > 0 && cur > 0 && cur < prev) return { type: 'contraction', amount: prev - cur };
  if (prev > 0 && cur === 0) return { type: 'churn', amount: prev };
  return null;
}

/**
 * Every movement, month by month from the second grid month (the first is the opening balance),
 * accounts in id order within a month.
 */
export function accountMovements(grid: MrrGrid, options: MovementOptions = {}): Movement[] {
  const perAccount: Movement[][] = [];
  for (const [accountId, row] of grid.series) {
    const list: Movement[] = [];
    let ever = mrrAt(row, 0) > 0;
    let zeroRun = 0;
    for (let m = 1; m < grid.months.length; m++) {
      const prev = mrrAt(row, m - 1);
      const cur = mrrAt(row, m);
      const movement = classify(prev, cur, ever, zeroRun, options);
      if (movement)
        list.push({
          accountId,
          month: grid.months[m] as string,
          type: movement.type,
          amountCents: movement.amount,
        });
      zeroRun = cur === 0 ? zeroRun + 1 : 0;
      if (cur > 0) ever = true;
    }
    perAccount.push(list);
  }
  return perAccount
    .flat()
    .sort((a, b) => compareText(a.month, b.month) || compareText(a.accountId, b.accountId));
}

/** One month's MRR roll-forward and the monthly ratios of METRICS.md §3–4, money in cents. */
export interface MonthlyMovements {
  month: string;
  startingCents: number;
  newCents: number;
  expansionCents: number;
  contractionCents: number;
  churnCents: number;
  reactivationCents: number;
  netNewCents: number;
  endingCents: number;
  customersStart: number;
  customersNew: number;
  customersReactivated: number;
  customersChurned: number;
  customersEnd: number;
  nrr: Ratio;
  grr: Ratio;
  logoRetention: Ratio;
  logoChurnRate: Ratio;
  grossMrrChurnRate: Ratio;
  expansionRate: Ratio;
  quickRatio: Ratio;
  quickRatioInclReactivation: Ratio;
}

export class RollForwardError extends Error {}

/**
 * Monthly roll-forward for every month after the first. Asserts the identity
 * MRR(m) = MRR(m−1) + new + reactivation + expansion − contraction − churn.
 */
export function monthlyMovements(
  grid: MrrGrid,
  options: MovementOptions = {},
  movements: readonly Movement[] = accountMovements(grid, options),
): MonthlyMovements[] {
  const byMonth = new Map<string, Movement[]>();
  for (const mv of movements) {
    const list = byMonth.get(mv.month);
    if (list) list.push(mv);
    else byMonth.set(mv.month, [mv]);
  }
  const rows = [...grid.series.values()];
  const total = (i: number) => rows.reduce((sum, row) => sum + mrrAt(row, i), 0);
  const logos = (i: number) => rows.reduce((n, row) => n + (mrrAt(row, i) > 0 ? 1 : 0), 0);
  const result: MonthlyMovements[] = [];
  for (let m = 1; m < grid.months.length; m++) {
    const month = grid.months[m] as string;
    const list = byMonth.get(month) ?? [];
    const sum = (type: MovementType) =>
      list.filter((x) => x.type === type).reduce((s, x) => s + x.amountCents, 0);
    const count = (type: MovementType) => list.filter((x) => x.type === type).length;
    const starting = total(m - 1);
    const ending = total(m);
    const [nw, exp, con, churn, react] = [
      sum('new'),
      sum('expansion'),
      sum('contraction'),
      sum('churn'),
      sum('reactivation'),
    ];
    if (starting + nw + react + exp - con - churn !== ending) {
      throw new RollForwardError(
        `MRR roll-forward does not balance in ${month}: ${starting} + ${nw} + ${react} + ${exp} − ${con} − ${churn} ≠ ${ending}`,
      );
    }
    const customersStart = logos(m - 1);
    const churned = count('churn');
    result.push({
      month,
      startingCents: starting,
      newCents: nw,
      expansionCents: exp,
      contractionCents: con,
      churnCents: churn,
      reactivationCents: react,
      netNewCents: ending - starting,
      endingCents: ending,
      customersStart,
      customersNew: count('new'),
      customersReactivated: count('reactivation'),
      customersChurned: churned,
      customersEnd: logos(m),
      nrr: ratio(starting + exp - con - churn, starting),
      grr: ratio(starting - con - churn, starting),
      logoRetention: ratio(customersStart - churned, customersStart),
      logoChurnRate: ratio(churned, customersStart),
      grossMrrChurnRate: ratio(churn + con, starting),
      expansionRate: ratio(exp, starting),
      quickRatio: ratio(nw + exp, churn + con),
      quickRatioInclReactivation: ratio(nw + react + exp, churn + con),
    });
  }
  return result;
}
