import { addDays, monthOf } from '../core/calendar.ts';
import type { Queryable } from '../store/db.ts';
import { accountTermsRows, seatsActiveOn } from '../store/repositories/backtest-data.ts';
import { accountFacts } from '../tools/backtest/account-facts.ts';
import { type MrrOn, mrrReader, outcomeFactsOf } from './mrr-series.ts';

/**
 * The account facts the churn model reads (tools/backtest/account-facts), for each account on each
 * day, keyed `account_id|day`: the one place both the model's training observations and the
 * answers that use the model get them. `mrr` reuses a series the caller already read.
 */
export async function accountFactsOn(
  db: Queryable,
  ids: readonly string[],
  days: readonly string[],
  mrr?: MrrOn,
): Promise<Map<string, Record<string, number | null>>> {
  const [terms, seats, mrrOf] = await Promise.all([
    accountTermsRows(db, ids),
    seatsActiveOn(db, ids, days),
    // The month-ends read: from the one before 90 days ahead of the earliest day.
    mrr
      ? Promise.resolve(mrr)
      : outcomeFactsOf(db, ids, monthOf(addDays([...days].sort()[0] ?? '1900-01-01', -125))).then(mrrReader),
  ]);
  const seatsOn = new Map(seats.map((s) => [`${s.account_id}|${s.day}`, s.seats_active]));
  const out = new Map<string, Record<string, number | null>>();
  for (const t of terms)
    for (const day of days)
      out.set(
        `${t.account_id}|${day}`,
        accountFacts(
          {
            segment: t.segment,
            contractTerm: t.contract_term,
            contractStart: t.contract_start,
            renewalDate: t.renewal_date,
            seatsPurchased: t.seats_purchased === null ? null : Number(t.seats_purchased),
          },
          {
            mrrCents: mrrOf(t.account_id, day),
            mrrCents90DaysBefore: mrrOf(t.account_id, addDays(day, -90)),
            seatsActive: seatsOn.get(`${t.account_id}|${day}`) ?? null,
          },
          day,
        ),
      );
  return out;
}
