import { arrOn } from '../facts/arr.ts';
import { type AdvocacyRules, advocacyRules } from '../knowledge/advocacy.ts';
import { feedbackLoopSettings } from '../knowledge/feedback-loop.ts';
import type { Queryable } from '../store/db.ts';
import type { AccountFilter } from '../store/repositories/accounts.ts';
import { type AdvocacyFactRow, advocacyFacts } from '../store/repositories/advocacy-facts.ts';
import { type AdvocacyFacts, type AdvocateFit, advocateFit } from '../tools/advocacy/advocate-fit.ts';

/** A stored row, with the account's ARR on the day, as the advocacy rule reads it. */
export function advocacyFactsOf(r: AdvocacyFactRow, arrCents: number): AdvocacyFacts {
  return {
    accountId: r.account_id,
    name: r.name,
    segment: r.segment,
    csm: r.csm,
    arrCents,
    contractStart: r.contract_start,
    health:
      r.health_tier && r.health_as_of
        ? { score: r.health_score, tier: r.health_tier, asOf: r.health_as_of }
        : null,
    latestNps:
      r.nps_score !== null && r.nps_at && r.nps_feedback_id
        ? { score: r.nps_score, at: new Date(r.nps_at).toISOString(), feedbackId: r.nps_feedback_id }
        : null,
    feedbackRecent: r.feedback_recent,
    openTickets: r.open_tickets ?? {},
    churnEvents: r.churn_events ?? {},
    lastAsk: r.last_ask_at
      ? { at: new Date(r.last_ask_at).toISOString(), topic: r.last_ask_topic ?? 'advocacy' }
      : null,
  };
}

/** Every active account of a book with its advocacy facts and fit, as of a day. */
export async function advocacyFits(
  ctx: { db: Queryable },
  asOf: string,
  filter: Omit<AccountFilter, 'status'>,
  rules: AdvocacyRules = advocacyRules(),
): Promise<{ facts: AdvocacyFacts; fit: AdvocateFit }[]> {
  const rows = await advocacyFacts(
    ctx.db,
    {
      asOf,
      npsLookbackDays: rules.nps_lookback_days,
      candidFeedbackDays: rules.board.candid_feedback_days,
      churnEvents: rules.exclude.churn_events,
      churnEventDays: rules.exclude.churn_event_days,
      askTopics: rules.ask_topics,
    },
    filter,
  );
  const arrs = await arrOn(
    ctx.db,
    asOf,
    rows.map((r) => r.account_id),
  );
  return rows.map((r) => {
    const facts = advocacyFactsOf(r, arrs.get(r.account_id)?.arrCents ?? 0);
    return { facts, fit: advocateFit(facts, rules, asOf, feedbackLoopSettings().nps) };
  });
}
