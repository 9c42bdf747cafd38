import {
  accountMovements,
  type MonthlyMovements,
  type Movement,
  type MovementOptions,
  monthlyMovements,
} from './movements.ts';
import { type MrrGrid, mrrAt } from './mrr-grid.ts';
import { type Ratio, ratio, roundRatio } from './ratio.ts';

/**
 * Trailing-12 retention (METRICS.md §3): the year-ago cohort S = accounts paying at b = e − 12,
 * measured at e. Needs 13 months of data. Money in cents.
 */
export interface TrailingRetention {
  month: string;
  baseMonth: string;
  cohortSize: number;
  cohortAccounts: string[];
  baseCents: number;
  cohortNowCents: number;
  nrr: Ratio;
  grr: Ratio;
  expansionRate: Ratio;
  logoRetention: Ratio;
  logoRetentionStrict: Ratio;
  /** Other definitions, kept only to show how they differ from the headline. */
  alternatives: {
    nrrArrBridgeAllAccounts: Ratio;
    grrArrBridgeAllAccounts: Ratio;
    nrrStartCohortMovementsExclReactivation: Ratio;
    grrStartCohortMovements: Ratio;
    nrrCompoundedMonthly: number | null;
    grrCompoundedMonthly: number | null;
  };
}

const WINDOW = 12;

/**
 * Per-account running totals of expansion, contraction and churn (flat typed arrays indexed
 * account × month), so any window's sum is one subtraction; and the length of each account's
 * run of paying months, for strict logo retention. Built once over the grid's months `from`–`to`
 * (the windows asked for): O(accounts × months). Differences and "paid through the whole window"
 * only look inside that range, so starting it at the earliest window's base month changes nothing.
 */
function windowIndex(grid: MrrGrid, movements: readonly Movement[], from: number, to: number) {
  const months = to - from + 1;
  const ids = [...grid.series.keys()];
  const ordinal = new Map(ids.map((id, i) => [id, i]));
  const monthIndex = new Map(grid.months.slice(from, to + 1).map((m, i) => [m, i]));
  const expansion = new Float64Array(ids.length * months);
  const contraction = new Float64Array(ids.length * months);
  const churn = new Float64Array(ids.length * months);
  for (const mv of movements) {
    const month = monthIndex.get(mv.month);
    if (month === undefined) continue;
    const at = (ordinal.get(mv.accountId) as number) * months + month;
    if (mv.type === 'expansion') expansion[at] = (expansion[at] as number) + mv.amountCents;
    else if (mv.type === 'contraction') contraction[at] = (contraction[at] as number) + mv.amountCents;
    else if (mv.type === 'churn') churn[at] = (churn[at] as number) + mv.amountCents;
  }
  const payingRun = new Int32Array(ids.length * months);
  ids.forEach((id, a) => {
    const row = grid.series.get(id) as number[];
    const offset = a * months;
    for (let i = 0; i < months; i++) {
      if (i > 0) {
        expansion[offset + i] = (expansion[offset + i] as number) + (expansion[offset + i - 1] as number);
        contraction[offset + i] =
          (contraction[offset + i] as number) + (contraction[offset + i - 1] as number);
        churn[offset + i] = (churn[offset + i] as number) + (churn[offset + i - 1] as number);
      }
      payingRun[offset + i] =
        mrrAt(row, from + i) > 0 ? (i > 0 ? (payingRun[offset + i - 1] as number) : 0) + 1 : 0;
    }
  });
  return { ids, months, from, expansion, contraction, churn, payingRun };
}

/** What a caller has computed already, and which end months it needs (default: every one). */
export interface TrailingInputs {
  movements?: readonly Movement[];
  monthly?: readonly MonthlyMovements[];
  months?: readonly string[];
}

export function trailingRetention(
  grid: MrrGrid,
  options: MovementOptions = {},
  given: TrailingInputs = {},
): TrailingRetention[] {
  const movements = given.movements ?? accountMovements(grid, options);
  const monthly = given.monthly ?? monthlyMovements(grid, options, movements);
  const wanted = given.months ? new Set(given.months) : null;
  const ends = grid.months.flatMap((m, e) => (e >= WINDOW && (!wanted || wanted.has(m)) ? [e] : []));
  if (ends.length === 0) return [];
  const idx = windowIndex(grid, movements, (ends[0] as number) - WINDOW, ends.at(-1) as number);
  const rows = idx.ids.map((id) => grid.series.get(id) as number[]);
  const result: TrailingRetention[] = [];
  for (let e = WINDOW; e < grid.months.length; e++) {
    const b = e - WINDOW;
    const baseMonth = grid.months[b] as string;
    const month = grid.months[e] as string;
    if (wanted && !wanted.has(month)) continue;
    let base = 0;
    let now = 0;
    let capped = 0;
    let expansion = 0;
    let retained = 0;
    let strict = 0;
    let startAll = 0;
    let cohortExpansion = 0;
    let cohortContraction = 0;
    let cohortChurn = 0;
    const cohortAccounts: string[] = [];
    for (let a = 0; a < rows.length; a++) {
      const row = rows[a] as number[];
      const start = mrrAt(row, b);
      startAll += start;
      if (start <= 0) continue;
      const end = mrrAt(row, e);
      cohortAccounts.push(idx.ids[a] as string);
      base += start;
      now += end;
      capped += Math.min(start, end);
      expansion += Math.max(0, end - start);
      if (end > 0) retained++;
      const atE = a * idx.months + e - idx.from;
      const atB = a * idx.months + b - idx.from;
      if ((idx.payingRun[atE] as number) > WINDOW) strict++;
      cohortExpansion += (idx.expansion[atE] as number) - (idx.expansion[atB] as number);
      cohortContraction += (idx.contraction[atE] as number) - (idx.contraction[atB] as number);
      cohortChurn += (idx.churn[atE] as number) - (idx.churn[atB] as number);
    }
    const window = monthly.filter((mm) => mm.month > baseMonth && mm.month <= month);
    let allExpansion = 0;
    let allContraction = 0;
    let allChurn = 0;
    let nrrProduct: number | null = 1;
    let grrProduct: number | null = 1;
    for (const mm of window) {
      allExpansion += mm.expansionCents;
      allContraction += mm.contractionCents;
      allChurn += mm.churnCents;
      nrrProduct = nrrProduct === null || mm.nrr.den === 0 ? null : nrrProduct * (mm.nrr.num / mm.nrr.den);
      grrProduct = grrProduct === null || mm.grr.den === 0 ? null : grrProduct * (mm.grr.num / mm.grr.den);
    }
    result.push({
      month,
      baseMonth,
      cohortSize: cohortAccounts.length,
      cohortAccounts,
      baseCents: base,
      cohortNowCents: now,
      nrr: ratio(now, base),
      grr: ratio(capped, base),
      expansionRate: ratio(expansion, base),
      logoRetention: ratio(retained, cohortAccounts.length),
      logoRetentionStrict: ratio(strict, cohortAccounts.length),
      alternatives: {
        nrrArrBridgeAllAccounts: ratio(startAll + allExpansion - allContraction - allChurn, startAll),
        grrArrBridgeAllAccounts: ratio(startAll - allContraction - allChurn, startAll),
        nrrStartCohortMovementsExclReactivation: ratio(
          base + cohortExpansion - cohortContraction - cohortChurn,
          base,
        ),
        grrStartCohortMovements: ratio(base - cohortContraction - cohortChurn, base),
        nrrCompoundedMonthly: nrrProduct === null ? null : roundRatio(nrrProduct),
        grrCompoundedMonthly: grrProduct === null ? null : roundRatio(grrProduct),
      },
    });
  }
  return result;
}
