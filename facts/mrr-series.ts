import type { Queryable } from '../store/db.ts';
import { outcomeRows } from '../store/repositories/backtest-data.ts';
import { mrrOn, type OutcomeFacts } from '../tools/backtest/churn-outcome.ts';

/** MRR of an account on a day, in cents (0 without revenue). */
export type MrrOn = (accountId: string, day: string) => number;

/** Each account's churn date and month-end MRR series (from `fromMonth` on, when given), read once. */
export async function outcomeFactsOf(
  db: Queryable,
  ids: readonly string[],
  fromMonth: string | null = null,
): Promise<Map<string, OutcomeFacts>> {
  return new Map(
    (await outcomeRows(db, ids, fromMonth)).map((r) => [
      r.account_id,
      { churnedAt: r.churned_at, mrrByMonth: new Map(r.revenue.map((m) => [m.month, m.mrr_cents])) },
    ]),
  );
}

/** The MRR in force on a day from series already read (tools/backtest/churn-outcome's rule). */
export function mrrReader(series: ReadonlyMap<string, OutcomeFacts>): MrrOn {
  return (id, day) => {
    const facts = series.get(id);
    return facts ? (mrrOn(facts, day) ?? 0) : 0;
  };
}
