import { compareText } from '../compare-text.ts';
import { type MrrGrid, mrrAt } from './mrr-grid.ts';

/**
 * The NRR bridge of a start cohort between two months: start → + expansion → − contraction →
 * − churn → end, each step with the accounts behind it (largest first). Per-account net change
 * over the window, so the steps add up to the snapshot NRR numerator exactly. Money in cents.
 */
export interface BridgeAccount {
  accountId: string;
  amountCents: number;
}

export interface NrrBridge {
  fromMonth: string;
  toMonth: string;
  startCents: number;
  expansionCents: number;
  contractionCents: number;
  churnCents: number;
  endCents: number;
  expansion: BridgeAccount[];
  contraction: BridgeAccount[];
  churn: BridgeAccount[];
}

export function nrrBridge(grid: MrrGrid, fromIndex: number, toIndex: number): NrrBridge {
  const expansion: BridgeAccount[] = [];
  const contraction: BridgeAccount[] = [];
  const churn: BridgeAccount[] = [];
  let start = 0;
  let end = 0;
  for (const [accountId, row] of grid.series) {
    const b = mrrAt(row, fromIndex);
    if (b <= 0) continue;
    const e = mrrAt(row, toIndex);
    start += b;
    end += e;
    if (e === 0) churn.push({ accountId, amountCents: b });
    else if (e > b) expansion.push({ accountId, amountCents: e - b });
    else if (e < b) contraction.push({ accountId, amountCents: b - e });
  }
  const byAmount = (x: BridgeAccount, y: BridgeAccount) =>
    y.amountCents - x.amountCents || compareText(x.accountId, y.accountId);
  const total = (list: BridgeAccount[]) => list.reduce((s, a) => s + a.amountCents, 0);
  return {
    fromMonth: grid.months[fromIndex] as string,
    toMonth: grid.months[toIndex] as string,
    startCents: start,
    expansionCents: total(expansion),
    contractionCents: total(contraction),
    churnCents: total(churn),
    endCents: end,
    expansion: expansion.sort(byAmount),
    contraction: contraction.sort(byAmount),
    churn: churn.sort(byAmount),
  };
}
