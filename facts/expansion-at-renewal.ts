import { addDays, addMonths, monthEnd, monthOf } from '../core/calendar.ts';
import type { Queryable } from '../store/db.ts';
import { expansionSignalDays } from '../store/repositories/portfolio-signals.ts';
import {
  type ExpansionRate,
  expansionRate,
  expectedExpansionCents,
} from '../tools/forecast/expansion-at-renewal.ts';
import { mrrReader, outcomeFactsOf } from './mrr-series.ts';

/** Past cutoffs the rate is measured on: the twelve month-ends whose 90 days after ended by the day. */
const RATE_MONTHS = 12;

export interface ExpansionAtRenewal {
  /** Renewals due that carry an expansion signal in the 90 days before the day. */
  signalled: string[];
  expectedCents: number;
}

/**
 * How often an account with an expansion signal grew within 90 days, and by how much, over the
 * twelve month-ends of the book's history whose 90 days after had ended by the day. Measured with
 * each churn model fit and stored with it.
 */
export async function measuredExpansionRate(db: Queryable, day: string): Promise<ExpansionRate> {
  const cutoffs = Array.from({ length: RATE_MONTHS }, (_, k) =>
    monthEnd(addMonths(monthOf(day), -(k + 4))),
  ).filter((c) => addDays(c, 90) <= day);
  const earliest = addDays(cutoffs.at(-1) ?? day, -90);
  const signalDays = new Map<string, string[]>();
  for (const r of await expansionSignalDays(db, earliest, day))
    signalDays.set(r.account_id, [...(signalDays.get(r.account_id) ?? []), r.day]);
  const series = await outcomeFactsOf(db, [...signalDays.keys()], monthOf(addDays(earliest, -31)));
  return expansionRate(cutoffs, signalDays, mrrReader(series));
}

/** Expansion expected at the renewals due: those with a signal in the last 90 days, at the stored rate. */
export async function expansionAtRenewal(
  db: Queryable,
  asOf: string,
  due: readonly { accountId: string; arrCents: number }[],
  rate: ExpansionRate | null,
): Promise<ExpansionAtRenewal> {
  const recent = await expansionSignalDays(
    db,
    addDays(asOf, -89),
    asOf,
    due.map((d) => d.accountId),
  );
  const withSignal = new Set(recent.map((r) => r.account_id));
  const signalled = due.filter((d) => withSignal.has(d.accountId));
  return {
    signalled: signalled.map((d) => d.accountId),
    expectedCents: rate
      ? expectedExpansionCents(
          signalled.map((d) => d.arrCents),
          rate,
        )
      : 0,
  };
}
