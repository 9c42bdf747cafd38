import { compareText } from '../compare-text.ts';

/** Churn reasons ranked by how many accounts gave them (ARR lost breaks ties); blank = "unspecified". */
export interface ChurnReasonCount {
  reason: string;
  accounts: number;
  arrCents: number;
}

export function rankChurnReasons(
  churned: readonly { reason: string | null; arrCents: number }[],
): ChurnReasonCount[] {
  const counts = new Map<string, ChurnReasonCount>();
  for (const c of churned) {
    const reason = c.reason?.trim() ? c.reason.trim() : 'unspecified';
    const entry = counts.get(reason) ?? { reason, accounts: 0, arrCents: 0 };
    entry.accounts++;
    entry.arrCents += c.arrCents;
    counts.set(reason, entry);
  }
  return [...counts.values()].sort(
    (x, y) => y.accounts - x.accounts || y.arrCents - x.arrCents || compareText(x.reason, y.reason),
  );
}
