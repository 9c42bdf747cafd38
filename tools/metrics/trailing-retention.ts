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

type WindowIndex = ReturnType<typeof windowIndex>;

/** The accounts paying at the window's start, followed to its end: MRR, expansion, retention, movements. */
function cohortWindow(idx: WindowIndex, rows: readonly number[][], b: number, e: number) {
  const sums = { base: 0, now: 0, capped: 0, expansion: 0, retained: 0, strict: 0, startAll: 0 };
  const moves = { expansion: 0, contraction: 0, churn: 0 };
  const accounts: string[] = [];
  for (let a = 0; a < rows.length; a++) {
    const row = rows[a] as number[];
    const start = mrrAt(row, b);
    sums.startAll += start;
    if (start <= 0) continue;
    const end = mrrAt(row, e);
    accounts.push(idx.ids[a] as string);
    sums.base += start;
    sums.now += end;
    sums.capped += Math.min(start, end);
    sums.expansion += Math.max(0, end - start);
    if (end > 0) sums.retained++;
    const atE = a * idx.months + e - idx.from;
    const atB = a * idx.months + b - idx.from;
    if ((idx.payingRun[atE] as number) > WINDOW) sums.strict++;
    moves.expansion += (idx.expansion[atE] as number) - (idx.expansion[atB] as number);
    moves.contraction += (idx.contraction[atE] as number) - (idx.contraction[atB] as number);
    moves.churn += (idx.churn[atE] as number) - (idx.churn[atB] as number);
  }
  return { sums, moves, accounts };
}

/** Every account's movements over the window, and the monthly NRR and GRR compounded across it. */
function bridgeWindow(monthly: readonly MonthlyMovements[], baseMonth: string, month: string) {
  let expansion = 0;
  let contraction = 0;
  let churn = 0;
  let nrr: number | null = 1;
  let grr: number | null = 1;
  for (const mm of monthly.filter((m) => m.month > baseMonth && m.month <= month)) {
    expansion += mm.expansionCents;
    contraction += mm.contractionCents;
    churn += mm.churnCents;
    nrr = nrr === null || mm.nrr.den === 0 ? null : nrr * (mm.nrr.num / mm.nrr.den);
    grr = grr === null || mm.grr.den === 0 ? null : grr * (mm.grr.num / mm.grr.den);
  }
  return { expansion, contraction, churn, nrr, grr };
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
  return ends.map((e) => {
    const b = e - WINDOW;
    const baseMonth = grid.months[b] as string;
    const month = grid.months[e] as string;
    const { sums, moves, accounts } = cohortWindow(idx, rows, b, e);
    const all = bridgeWindow(monthly, baseMonth, month);
    const { base, startAll } = sums;
    return {
      month,
      baseMonth,
      cohortSize: accounts.length,
      cohortAccounts: accounts,
      baseCents: base,
      cohortNowCents: sums.now,
      nrr: ratio(sums.now, base),
      grr: ratio(sums.capped, base),
      expansionRate: ratio(sums.expansion, base),
      logoRetention: ratio(sums.retained, accounts.length),
      logoRetentionStrict: ratio(sums.strict, accounts.length),
      alternatives: {
        nrrArrBridgeAllAccounts: ratio(startAll + all.expansion - all.contraction - all.churn, startAll),
        grrArrBridgeAllAccounts: ratio(startAll - all.contraction - all.churn, startAll),
        nrrStartCohortMovementsExclReactivation: ratio(
          base + moves.expansion - moves.contraction - moves.churn,
          base,
        ),
        grrStartCohortMovements: ratio(base - moves.contraction - moves.churn, base),
        nrrCompoundedMonthly: all.nrr === null ? null : roundRatio(all.nrr),
        grrCompoundedMonthly: all.grr === null ? null : roundRatio(all.grr),
      },
    };
  });
}
