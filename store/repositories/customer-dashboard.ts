import type { OnboardingFact } from '../../tools/portfolio/onboarding-block.ts';
import type { Queryable } from '../db.ts';

// The window is read by its day index first, then kept to the book's accounts: with a book of
// thousands of ids, filtering by them first misleads the planner into reading every ticket.

/** Each value as many times as counted: the database counts, the tools read the values. */
const expandCounts = (rows: readonly { r: number; n: number }[]): number[] =>
  rows.flatMap((row) => Array.from({ length: row.n }, () => Number(row.r)));

/** NPS scores (feedback with source nps) of some accounts between two days. */
export async function npsScores(
  db: Queryable,
  ids: readonly string[],
  from: string,
  to: string,
): Promise<number[]> {
  const rows = await db.query<{ r: number; n: number }>(
    `WITH answers AS MATERIALIZED (
       SELECT account_id, score FROM feedback
        WHERE source = 'nps' AND score IS NOT NULL AND created_at >= $2::date AND created_at < $3::date + 1)
     SELECT score AS r, count(*)::int AS n FROM answers WHERE account_id = ANY($1::text[])
      GROUP BY score ORDER BY score`,
    [ids, from, to],
  );
  return expandCounts(rows);
}

/** CSAT ratings (1–5) of some accounts' tickets resolved between two days, and CSAT survey feedback. */
export async function csatRatings(
  db: Queryable,
  ids: readonly string[],
  from: string,
  to: string,
): Promise<number[]> {
  const rows = await db.query<{ r: number; n: number }>(
    `WITH ratings AS MATERIALIZED (
       SELECT account_id, csat AS r FROM tickets WHERE csat IS NOT NULL
          AND COALESCE(resolved_at, opened_at) >= $2::date AND COALESCE(resolved_at, opened_at) < $3::date + 1
       UNION ALL
       SELECT account_id, score AS r FROM feedback WHERE source = 'csat' AND score BETWEEN 1 AND 5
          AND created_at >= $2::date AND created_at < $3::date + 1)
     SELECT r, count(*)::int AS n FROM ratings WHERE account_id = ANY($1::text[])
      GROUP BY r ORDER BY r`,
    [ids, from, to],
  );
  return expandCounts(rows);
}

/** QBR touchpoints of some accounts between two days: how many, and for how many accounts. */
export async function qbrsHeld(
  db: Queryable,
  ids: readonly string[],
  from: string,
  to: string,
): Promise<{ qbrs: number; accounts: number }> {
  const [row] = await db.query<{ qbrs: number; accounts: number }>(
    `WITH held AS MATERIALIZED (
       SELECT account_id FROM touchpoints WHERE kind = 'qbr' AND at >= $2::date AND at < $3::date + 1)
     SELECT count(*)::int AS qbrs, count(DISTINCT account_id)::int AS accounts FROM held
      WHERE account_id = ANY($1::text[])`,
    [ids, from, to],
  );
  return { qbrs: row?.qbrs ?? 0, accounts: row?.accounts ?? 0 };
}

/** Accounts whose contract started in the `days` before a day, with their first day of core actions. */
export async function onboardingFacts(
  db: Queryable,
  ids: readonly string[],
  asOf: string,
  days: number,
): Promise<OnboardingFact[]> {
  return db.query<OnboardingFact>(
    `SELECT a.account_id, a.segment, a.contract_start,
            (SELECT min(u.date) FROM usage u WHERE u.account_id = a.account_id AND u.date >= a.contract_start
                AND u.date <= $2::date AND u.core_actions > 0) AS first_value_on
       FROM accounts a
      WHERE a.account_id = ANY($1::text[]) AND a.contract_start IS NOT NULL
        AND a.contract_start <= $2::date AND a.contract_start > $2::date - $3::int`,
    [ids, asOf, days],
  );
}
