import { addDays } from '../../core/calendar.ts';
import type { AccountRiskData, RiskSignal } from '../../tools/risk/account-risk-data.ts';
import type { Queryable } from '../db.ts';
import { groupBy, healthData } from './health-data.ts';
import { productUsageByAccount } from './products.ts';

/** What the churn-risk rules read beyond the health data: contract, events, tickets, feedback, early usage, touchpoints. */
async function riskRows(db: Queryable, asOf: string, ids: readonly string[]) {
  const dayAfter = addDays(asOf, 1);
  const [accounts, events, tickets, feedback, early, touches] = await Promise.all([
    db.query<{
      account_id: string;
      contract_start: string | null;
      renewal_date: string | null;
      contract_term: string | null;
      seats_purchased: number | null;
    }>(
      'SELECT account_id, contract_start, renewal_date, contract_term, seats_purchased FROM accounts WHERE account_id = ANY($1::text[])',
      [ids],
    ),
    db.query<{ account_id: string; type: string; at: string; details: string | null }>(
      'SELECT account_id, type, at, details FROM events WHERE account_id = ANY($1::text[]) AND at >= $2 AND at < $3 ORDER BY at',
      [ids, addDays(asOf, -179), dayAfter],
    ),
    db.query<{ account_id: string; opened_at: string; severity: string | null; subject: string | null }>(
      'SELECT account_id, opened_at, severity, subject FROM tickets WHERE account_id = ANY($1::text[]) AND opened_at >= $2 AND opened_at < $3 ORDER BY opened_at',
      [ids, addDays(asOf, -89), dayAfter],
    ),
    db.query<{
      account_id: string;
      feedback_id: string;
      created_at: string;
      text: string;
      source: string;
      score: number | null;
    }>(
      'SELECT account_id, feedback_id, created_at, text, source, score FROM feedback WHERE account_id = ANY($1::text[]) AND created_at >= $2 AND created_at < $3 ORDER BY created_at',
      [ids, addDays(asOf, -89), dayAfter],
    ),
    db.query<{
      account_id: string;
      date: string;
      dau: number | null;
      seats_active: number | null;
      mau: number | null;
    }>(
      `SELECT u.account_id, u.date, u.dau, u.seats_active, u.mau FROM usage u JOIN accounts a USING (account_id)
        WHERE u.account_id = ANY($1::text[]) AND a.contract_start IS NOT NULL AND u.date >= a.contract_start AND u.date <= a.contract_start + 35 AND u.date <= $2
        ORDER BY u.date`,
      [ids, asOf],
    ),
    db.query<{ account_id: string; at: string; contact_id: string | null }>(
      'SELECT account_id, at, contact_id FROM touchpoints WHERE account_id = ANY($1::text[]) AND at >= $2 AND at < $3 ORDER BY at',
      [ids, addDays(asOf, -179), dayAfter],
    ),
  ]);
  const signals = await db.query<RiskSignal & { account_id: string }>(
    `SELECT account_id, kind, source, source_id, quote, at, side, link FROM customer_signals
      WHERE account_id = ANY($1::text[]) AND kind IN ('churn_intent', 'competitor', 'budget', 'champion_leaving')
        AND (side = 'customer' OR source = 'note') AND at >= $2 AND at < $3 ORDER BY at, source, source_id, kind`,
    [ids, addDays(asOf, -119), dayAfter],
  );
  return { accounts, events, tickets, feedback, early, touches, signals };
}

/** The health data plus what the churn-risk rules read, for the given accounts, as of a day. */
export async function riskData(
  db: Queryable,
  asOf: string,
  ids: readonly string[],
): Promise<AccountRiskData[]> {
  const [health, { accounts, events, tickets, feedback, early, touches, signals }, products] =
    await Promise.all([
      healthData(db, asOf, ids),
      riskRows(db, asOf, ids),
      productUsageByAccount(db, ids, asOf),
    ]);
  // Grouped once: a batch of thousands of accounts must not scan every row per account.
  const grouped = <T extends { account_id: string }>(rows: T[]) => {
    const groups = groupBy(rows);
    return (id: string) => groups.get(id) ?? [];
  };
  const signalsOf = grouped(signals);
  const [eventsOf, ticketsOf, feedbackOf, earlyOf, touchesOf] = [
    grouped(events),
    grouped(tickets),
    grouped(feedback),
    grouped(early),
    grouped(touches),
  ];
  const byId = new Map(accounts.map((a) => [a.account_id, a]));
  return health.map((h) => {
    const a = byId.get(h.accountId);
    return {
      ...h,
      contractStart: a?.contract_start ?? null,
      renewalDate: a?.renewal_date ?? null,
      contractTerm: a?.contract_term ?? null,
      seatsPurchased: a?.seats_purchased ?? null,
      events: eventsOf(h.accountId),
      tickets90d: ticketsOf(h.accountId),
      feedback90d: feedbackOf(h.accountId),
      earlyUsage: earlyOf(h.accountId),
      touchpoints180d: touchesOf(h.accountId).map((t) => ({ at: t.at, contact_id: t.contact_id })),
      productUsage: products.get(h.accountId) ?? [],
      signals: signalsOf(h.accountId).map(({ account_id: _a, ...s }) => ({
        ...s,
        at: new Date(s.at).toISOString(),
      })),
    };
  });
}
