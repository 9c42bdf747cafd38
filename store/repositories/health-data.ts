import { addDays } from '../../core/calendar.ts';
import type { AccountHealthData } from '../../tools/health/account-health-data.ts';
import type { Queryable } from '../db.ts';
import { EXPANSION_SIGNAL_TYPES } from './portfolio-signals.ts';

type Grouped<T> = Map<string, T[]>;

/** Rows by account id, in their order. */
export function groupBy<T extends { account_id: string }>(rows: T[]): Grouped<T> {
  const groups: Grouped<T> = new Map();
  for (const row of rows) {
    const list = groups.get(row.account_id);
    if (list) list.push(row);
    else groups.set(row.account_id, [row]);
  }
  return groups;
}

type Params = (extra: unknown[]) => unknown[];

/** One set-based query per table, for the accounts in scope, as of a day. */
async function healthRows(db: Queryable, inScope: string, params: Params, asOf: string) {
  const dayAfter = addDays(asOf, 1);
  const [usage, tickets, touches, contacts, goals, invoices, revenue, signals] = await Promise.all([
    db.query<AccountHealthData['usage'][number] & { account_id: string }>(
      `SELECT account_id, date, dau, wau, mau, core_actions, features_used, features_total FROM usage
        WHERE ${inScope} AND date <= $2 AND date >= $3 ORDER BY account_id, date`,
      params([asOf, addDays(asOf, -55)]),
    ),
    db.query<{ account_id: string; severity: string | null; opened_at: string }>(
      `SELECT account_id, severity, opened_at FROM tickets WHERE ${inScope} AND opened_at >= $2 AND opened_at < $3`,
      params([addDays(asOf, -29), dayAfter]),
    ),
    db.query<{ account_id: string; last_touch: string | null; last_exec: string | null }>(
      `SELECT account_id, max(at) FILTER (WHERE at < $2) AS last_touch, max(at) FILTER (WHERE at < $2 AND kind = 'exec_touch') AS last_exec
         FROM touchpoints WHERE ${inScope} GROUP BY account_id`,
      params([dayAfter]),
    ),
    db.query<{
      account_id: string;
      role: string | null;
      last_engaged_at: string | null;
      left_at: string | null;
    }>(
      `SELECT account_id, contact_id, name, role, last_engaged_at, left_at FROM contacts WHERE ${inScope}`,
      params([]),
    ),
    db.query<{ account_id: string; status: string; due: string | null }>(
      `SELECT account_id, status, due FROM goals WHERE ${inScope}`,
      params([]),
    ),
    db.query<{ account_id: string; due_at: string; paid_at: string | null; status: string }>(
      `SELECT account_id, due_at, paid_at, status FROM invoices WHERE ${inScope} AND due_at <= $2 AND due_at >= $3`,
      params([asOf, addDays(asOf, -180)]),
    ),
    db.query<{ account_id: string; month: string; cents: number }>(
      `SELECT account_id, to_char(month, 'YYYY-MM') AS month, mrr_cents AS cents FROM revenue
        WHERE ${inScope} AND month <= $2::date AND month >= (date_trunc('month', $2::date) - interval '4 months') ORDER BY account_id, month`,
      params([asOf]),
    ),
    db.query<{ account_id: string; n: number }>(
      `SELECT account_id, count(*)::int AS n FROM events WHERE ${inScope} AND type = ANY($2::text[]) AND at >= $3 AND at < $4 GROUP BY account_id`,
      params([[...EXPANSION_SIGNAL_TYPES], addDays(asOf, -89), dayAfter]),
    ),
  ]);
  return { usage, tickets, touches, contacts, goals, invoices, revenue, signals };
}

/**
 * Everything the health model reads, for a set of accounts (or every active account when `ids`
 * is null), as of a day: one set-based query per table, so scoring 10k accounts is nine queries.
 */
export async function healthData(
  db: Queryable,
  asOf: string,
  ids: readonly string[] | null,
): Promise<AccountHealthData[]> {
  // Every query takes $1 = the account ids (NULL: every active account); $2… follow. Named
  // accounts are looked up by their indexes; the whole book is a semi-join on the active accounts.
  const scope =
    ids === null ? "$1::text[] IS NULL AND a.status = 'active'" : 'a.account_id = ANY($1::text[])';
  const params: Params = (extra) => [ids === null ? null : [...ids], ...extra];
  const accounts = await db.query<{ account_id: string; segment: string | null; seasonal_months: number[] }>(
    `SELECT a.account_id, a.segment, a.seasonal_months FROM accounts a WHERE ${scope} ORDER BY a.account_id`,
    params([]),
  );
  const inScope =
    ids === null
      ? `account_id IN (SELECT a.account_id FROM accounts a WHERE ${scope})`
      : 'account_id = ANY($1::text[])';
  const { usage, tickets, touches, contacts, goals, invoices, revenue, signals } = await healthRows(
    db,
    inScope,
    params,
    asOf,
  );
  const byUsage = groupBy(usage);
  const byTickets = groupBy(tickets);
  const byTouch = new Map(touches.map((t) => [t.account_id, t]));
  const byContacts = groupBy(contacts);
  const byGoals = groupBy(goals);
  const byInvoices = groupBy(invoices);
  const byRevenue = groupBy(revenue);
  const bySignals = new Map(signals.map((s) => [s.account_id, s.n]));
  return accounts.map((a) => {
    const touch = byTouch.get(a.account_id);
    return {
      accountId: a.account_id,
      segment: a.segment,
      seasonalMonths: a.seasonal_months,
      asOf,
      usage: byUsage.get(a.account_id) ?? [],
      tickets30d: byTickets.get(a.account_id) ?? [],
      hasTouchpoints: touch !== undefined,
      lastProactiveTouch: touch?.last_touch ?? null,
      lastExecTouch: touch?.last_exec ?? null,
      contacts: byContacts.get(a.account_id) ?? [],
      goals: byGoals.get(a.account_id) ?? [],
      invoices: byInvoices.get(a.account_id) ?? [],
      mrr: (byRevenue.get(a.account_id) ?? []).slice(-4).map((r) => ({ month: r.month, cents: r.cents })),
      expansionSignals90d: bySignals.get(a.account_id) ?? 0,
    };
  });
}
