import type { EngagementFacts } from '../../tools/health/engagement-level.ts';
import type { Queryable } from '../db.ts';
import { type AccountFilter, filterSql } from './accounts.ts';

interface EngagementFactRow {
  account_id: string;
  has_usage: boolean;
  dau_mean: number | null;
  mau_mean: number | null;
  feature_breadth: number | null;
  last_active: string | null;
}

/**
 * What the engagement level reads (tools/health/engagement-level) for each active account (or the ones named), as of a day, in one
 * query: whether usage is on record, mean DAU and MAU over the window ending that day, the latest
 * feature breadth in it, and the last day with any activity.
 */
export async function engagementFacts(
  db: Queryable,
  asOf: string,
  windowStart: string,
  filter: Omit<AccountFilter, 'status'> = {},
): Promise<Map<string, EngagementFacts>> {
  const params: unknown[] = [asOf, windowStart];
  const where = filterSql({ ...filter, ...(filter.ids ? {} : { status: 'active' }) }, params);
  const rows = await db.query<EngagementFactRow>(
    `SELECT a.account_id,
            EXISTS (SELECT 1 FROM usage u WHERE u.account_id = a.account_id AND u.date <= $1::date) AS has_usage,
            w.dau_mean::float8 AS dau_mean, w.mau_mean::float8 AS mau_mean,
            (SELECT u.features_used::float8 / u.features_total FROM usage u
              WHERE u.account_id = a.account_id AND u.date BETWEEN $2::date AND $1::date AND u.features_used IS NOT NULL AND u.features_total > 0
              ORDER BY u.date DESC LIMIT 1) AS feature_breadth,
            (SELECT to_char(max(u.date), 'YYYY-MM-DD') FROM usage u
              WHERE u.account_id = a.account_id AND u.date <= $1::date
                AND (u.dau > 0 OR u.wau > 0 OR u.core_actions > 0)) AS last_active
       FROM accounts a
       LEFT JOIN LATERAL (SELECT avg(u.dau) AS dau_mean, avg(u.mau) AS mau_mean FROM usage u
                           WHERE u.account_id = a.account_id AND u.date BETWEEN $2::date AND $1::date) w ON true
      ${where}
      ORDER BY a.account_id`,
    params,
  );
  const num = (v: number | null) => (v === null ? null : Number(v));
  return new Map(
    rows.map((r) => [
      r.account_id,
      {
        hasUsage: r.has_usage,
        dauMean: num(r.dau_mean),
        mauMean: num(r.mau_mean),
        featureBreadth: num(r.feature_breadth),
        lastActive: r.last_active,
      },
    ]),
  );
}
