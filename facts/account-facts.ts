import { addDays, monthOf } from '../core/calendar.ts';
import type { Queryable } from '../store/db.ts';
import { accountTermsRows, seatsActiveOn } from '../store/repositories/backtest-data.ts';
import { latestSnapshots } from '../store/repositories/portfolio-signals.ts';
import { accountFacts } from '../tools/backtest/account-facts.ts';
import { type HealthSignals, healthSignals } from '../tools/backtest/health-signals.ts';
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

/** What the churn model reads of one account on a day, and whether its health was scored then. */
export interface ChurnInputs {
  signals: HealthSignals;
  /** False when it has no snapshot by then, or an unscored one: the model reads its facts only. */
  scored: boolean;
}

/**
 * The churn model's inputs for each account on a day: the latest health snapshot on or before it
 * and the account facts of that day. One read for the forecast's renewals and its replayed quarters.
 */
export async function churnInputsOn(
  db: Queryable,
  ids: readonly string[],
  day: string,
  mrr?: MrrOn,
): Promise<Map<string, ChurnInputs>> {
  const [snapshots, facts] = await Promise.all([
    latestSnapshots(db, day, ids),
    accountFactsOn(db, ids, [day], mrr),
  ]);
  const snapshotOf = new Map(snapshots.map((s) => [s.account_id, s]));
  return new Map(
    ids.map((id) => {
      const snapshot = snapshotOf.get(id);
      const signals: HealthSignals = {
        ...healthSignals((snapshot?.dimensions ?? {}) as Parameters<typeof healthSignals>[0]),
        facts: facts.get(`${id}|${day}`) ?? {},
      };
      return [id, { signals, scored: snapshot !== undefined && snapshot.score !== null }];
    }),
  );
}
