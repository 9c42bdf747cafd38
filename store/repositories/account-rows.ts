import type { Queryable } from '../db.ts';

/** Tables whose rows belong to one account, with the column that orders them in time. */
const TIME_COLUMN = {
  contacts: 'last_engaged_at',
  revenue: 'month',
  usage: 'date',
  tickets: 'opened_at',
  feedback: 'created_at',
  touchpoints: 'at',
  goals: 'due',
  events: 'at',
  invoices: 'due_at',
  health_snapshots: 'as_of',
} as const;
export type AccountTable = keyof typeof TIME_COLUMN;

export interface TimeWindow {
  /** Inclusive lower bound (ISO date or timestamp). */
  from?: string;
  /** Inclusive upper bound. */
  to?: string;
}

/** Rows of one account in a table, oldest first, optionally within a time window. */
export async function rowsForAccount<T>(
  db: Queryable,
  table: AccountTable,
  accountId: string,
  window: TimeWindow = {},
): Promise<T[]> {
  const column = TIME_COLUMN[table];
  const params: unknown[] = [accountId];
  const where = ['account_id = $1'];
  if (window.from !== undefined) {
    params.push(window.from);
    where.push(`${column} >= $${params.length}`);
  }
  if (window.to !== undefined) {
    params.push(window.to);
    where.push(`${column} <= $${params.length}`);
  }
  return db.query<T>(
    `SELECT * FROM ${table} WHERE ${where.join(' AND ')} ORDER BY ${column} NULLS LAST`,
    params,
  );
}
