import { addDays, addMonths, monthEnd, monthOf } from '../core/calendar.ts';
import type { Queryable } from '../store/db.ts';
import { outcomeRows } from '../store/repositories/backtest-data.ts';
import { expansionSignalDays } from '../store/repositories/portfolio-signals.ts';
import { mrrOn } from '../tools/backtest/churn-outcome.ts';
import {
  type ExpansionRate,
  expansionRate,
  expectedExpansionCents,
  signalledBefore,
} from '../tools/forecast/expansion-at-renewal.ts';

/** Past cutoffs the rate is measured on: the twelve month-ends whose 90 days after ended by the day. */
const RATE_MONTHS = 12;

export interface ExpansionAtRenewal extends ExpansionRate {
  /** Renewals due that carry an expansion signal in the 90 days before the day. */
  signalled: string[];
  expectedCents: number;
}

/** Expansion expected at the renewals due, from the book's own history of expansion signals (tools/forecast/expansion-at-renewal). */
export async function expansionAtRenewal(
  db: Queryable,
  asOf: string,
  due: readonly { accountId: string; arrCents: number }[],
): Promise<ExpansionAtRenewal> {
  const cutoffs = Array.from({ length: RATE_MONTHS }, (_, k) =>
    monthEnd(addMonths(monthOf(asOf), -(k + 4))),
  ).filter((c) => addDays(c, 90) <= asOf);
  const earliest = addDays(cutoffs.at(-1) ?? asOf, -90);
  const signalDays = new Map<string, string[]>();
  for (const r of await expansionSignalDays(db, earliest)) {
    if (r.day > asOf) continue;
    signalDays.set(r.account_id, [...(signalDays.get(r.account_id) ?? []), r.day]);
  }
  const series = new Map(
    (await outcomeRows(db, [...signalDays.keys()], monthOf(addDays(earliest, -31)))).map((r) => [
      r.account_id,
      { churnedAt: r.churned_at, mrrByMonth: new Map(r.revenue.map((m) => [m.month, m.mrr_cents])) },
    ]),
  );
  const mrr = (id: string, day: string) => {
    const facts = series.get(id);
    return facts ? (mrrOn(facts, day) ?? 0) : 0;
  };
  const rate = expansionRate(cutoffs, signalDays, mrr);
  const signalled = due.filter((d) => signalledBefore(signalDays.get(d.accountId) ?? [], asOf));
  return {
    ...rate,
    signalled: signalled.map((d) => d.accountId),
    expectedCents: expectedExpansionCents(
      signalled.map((d) => d.arrCents),
      rate,
    ),
  };
}
