import type { Queryable } from '../db.ts';
import { type AccountFilter, filterSql } from './accounts.ts';

export interface AdvocacyFactRow {
  account_id: string;
  name: string;
  segment: string | null;
  csm: string | null;
  contract_start: string | null;
  health_score: number | null;
  health_tier: string | null;
  health_as_of: string | null;
  nps_score: number | null;
  nps_at: string | null;
  nps_feedback_id: string | null;
  feedback_recent: number;
  open_tickets: Record<string, number> | null;
  churn_events: Record<string, number> | null;
  last_ask_at: string | null;
  last_ask_topic: string | null;
}

export interface AdvocacyWindows {
  asOf: string;
  npsLookbackDays: number;
  candidFeedbackDays: number;
  churnEvents: readonly string[];
  churnEventDays: number;
  askTopics: readonly string[];
}

/**
 * What the advocacy rule reads for each active account of a book, as of a day, in one query (its
 * ARR is a fact of its own: facts/arr): the
 * latest health snapshot, the latest NPS answer in the lookback, recent feedback, open tickets by
 * severity, churn-indicator events in the window, and the last touchpoint whose topic is an ask.
 */
export async function advocacyFacts(
  db: Queryable,
  windows: AdvocacyWindows,
  filter: Omit<AccountFilter, 'status'> = {},
): Promise<AdvocacyFactRow[]> {
  const params: unknown[] = [
    windows.asOf,
    windows.npsLookbackDays,
    windows.candidFeedbackDays,
    windows.churnEvents,
    windows.churnEventDays,
    windows.askTopics,
  ];
  const where = filterSql({ ...filter, status: 'active' }, params);
  return db.query<AdvocacyFactRow>(
    `WITH bounds AS (SELECT (($1::date + 1)::timestamp AT TIME ZONE 'UTC') AS day_end)
     SELECT a.account_id, a.name, a.segment, a.csm, to_char(a.contract_start, 'YYYY-MM-DD') AS contract_start,
            hs.score AS health_score, hs.tier AS health_tier, to_char(hs.as_of, 'YYYY-MM-DD') AS health_as_of,
            nps.score AS nps_score, nps.created_at::text AS nps_at, nps.feedback_id AS nps_feedback_id,
            (SELECT count(*)::int FROM feedback f WHERE f.account_id = a.account_id AND f.created_at < b.day_end
                AND f.created_at >= b.day_end - make_interval(days => $3::int)) AS feedback_recent,
            (SELECT jsonb_object_agg(severity, n) FROM (
               SELECT t.severity, count(*)::int AS n FROM tickets t
                WHERE t.account_id = a.account_id AND t.severity IS NOT NULL AND t.opened_at < b.day_end
                  AND (t.resolved_at IS NULL OR t.resolved_at >= b.day_end)
                GROUP BY t.severity) s) AS open_tickets,
            (SELECT jsonb_object_agg(type, n) FROM (
               SELECT e.type, count(*)::int AS n FROM events e
                WHERE e.account_id = a.account_id AND e.type = ANY($4::text[]) AND e.at < b.day_end
                  AND e.at >= b.day_end - make_interval(days => $5::int)
                GROUP BY e.type) s) AS churn_events,
            ask.at::text AS last_ask_at, ask.topic AS last_ask_topic
       FROM accounts a CROSS JOIN bounds b
       LEFT JOIN LATERAL (SELECT h.score, h.tier, h.as_of FROM health_snapshots h
                           WHERE h.account_id = a.account_id AND h.as_of <= $1::date ORDER BY h.as_of DESC LIMIT 1) hs ON true
       LEFT JOIN LATERAL (SELECT f.score, f.created_at, f.feedback_id FROM feedback f
                           WHERE f.account_id = a.account_id AND f.source = 'nps' AND f.score IS NOT NULL
                             AND f.created_at < b.day_end AND f.created_at >= b.day_end - make_interval(days => $2::int)
                           ORDER BY f.created_at DESC, f.feedback_id DESC LIMIT 1) nps ON true
       LEFT JOIN LATERAL (SELECT t.at, t.attributes->>'topic' AS topic FROM touchpoints t
                           WHERE t.account_id = a.account_id AND t.attributes->>'topic' = ANY($6::text[]) AND t.at < b.day_end
                           ORDER BY t.at DESC LIMIT 1) ask ON true
      ${where}
      ORDER BY a.account_id`,
    params,
  );
}
