import { addDays, monthsBetween } from '../../core/calendar.ts';
import type { AdvocacyAsk, AdvocacyRules } from '../../knowledge/advocacy.ts';
import { type NpsBands, npsCategory } from '../feedback/nps.ts';

/** What the advocacy rule reads about one account, as of a day (facts from the store). */
export interface AdvocacyFacts {
  accountId: string;
  name: string;
  segment: string | null;
  csm: string | null;
  arrCents: number;
  contractStart: string | null;
  /** The latest health snapshot on or before the day. */
  health: { score: number | null; tier: string; asOf: string } | null;
  /** The latest NPS answer within the lookback. */
  latestNps: { score: number; at: string; feedbackId: string } | null;
  /** Feedback items the account gave in the candid-feedback window. */
  feedbackRecent: number;
  /** Open tickets by severity as of the day. */
  openTickets: Record<string, number>;
  /** Churn-indicator events in the window, by type. */
  churnEvents: Record<string, number>;
  /** The last touchpoint that was an advocacy ask: when, and its topic. */
  lastAsk: { at: string; topic: string } | null;
}

export interface AdvocateFit {
  accountId: string;
  /** Why the account is not asked at all; empty when it may be. */
  excluded: string[];
  promoter: boolean;
  boardEligible: boolean;
  monthsActive: number | null;
  /** The first ask in the rules' order the account fits, or null. */
  ask: { ask: AdvocacyAsk; label: string } | null;
  /** Asked within the cooldown: listed, not to be asked again yet. */
  coolingDown: boolean;
  /** Why it fits, in words, each naming its evidence. */
  reasons: string[];
}

/**
 * Whether and for what to ask an account for advocacy (PLAYBOOK: advocacy): never with open P1/P2
 * tickets, an at-risk or critical tier, or a churn indicator in the window; a promoter has NPS
 * in the promoter band (tools/feedback/nps) in the lookback; the advisory board wants the health, tenure, candid
 * feedback and a strategic segment; the ask is the first in the rules' order whose conditions
 * hold. Pure.
 */
export function advocateFit(
  facts: AdvocacyFacts,
  rules: AdvocacyRules,
  asOf: string,
  nps: NpsBands,
): AdvocateFit {
  const excluded: string[] = [];
  for (const severity of rules.exclude.open_ticket_severities)
    if ((facts.openTickets[severity] ?? 0) > 0)
      excluded.push(`${facts.openTickets[severity]} open ${severity.toUpperCase()} ticket(s)`);
  if (facts.health && rules.exclude.tiers.includes(facts.health.tier))
    excluded.push(`health tier ${facts.health.tier} (as of ${facts.health.asOf})`);
  for (const type of rules.exclude.churn_events)
    if ((facts.churnEvents[type] ?? 0) > 0)
      excluded.push(`${type.replaceAll('_', ' ')} in the last ${rules.exclude.churn_event_days} days`);
  const score = facts.health?.score ?? null;
  const monthsActive =
    facts.contractStart && facts.contractStart <= asOf ? monthsBetween(facts.contractStart, asOf) : null;
  const promoter = facts.latestNps !== null && npsCategory(facts.latestNps.score, nps) === 'promoter';
  const board = rules.board;
  const boardEligible =
    score !== null &&
    score >= board.min_health &&
    monthsActive !== null &&
    monthsActive >= board.min_months_active &&
    facts.feedbackRecent > 0 &&
    facts.segment !== null &&
    (board.strategic_segments as string[]).includes(facts.segment);
  const fits = rules.asks.find(
    (a) =>
      (!a.board || boardEligible) &&
      (!a.promoter || promoter) &&
      (score ?? -1) >= a.min_health &&
      (monthsActive ?? -1) >= a.min_months_active,
  );
  const reasons: string[] = [];
  if (promoter && facts.latestNps)
    reasons.push(
      `promoter: NPS ${facts.latestNps.score} on ${facts.latestNps.at.slice(0, 10)} (${facts.latestNps.feedbackId})`,
    );
  if (score !== null && facts.health)
    reasons.push(`health ${score} (${facts.health.tier}) as of ${facts.health.asOf}`);
  if (monthsActive !== null)
    reasons.push(`customer for ${monthsActive} months (since ${facts.contractStart})`);
  if (boardEligible)
    reasons.push(
      `advisory-board criteria met: ${facts.segment} segment, ${facts.feedbackRecent} feedback item(s) in ${board.candid_feedback_days} days`,
    );
  const coolingDown =
    facts.lastAsk !== null && facts.lastAsk.at.slice(0, 10) > addDays(asOf, -rules.ask_cooldown_days);
  return {
    accountId: facts.accountId,
    excluded,
    promoter,
    boardEligible,
    monthsActive,
    ask:
      excluded.length === 0 && fits && (promoter || boardEligible)
        ? { ask: fits.ask, label: fits.label }
        : null,
    coolingDown,
    reasons,
  };
}

/** Candidates first by fit (board seats, then promoters), then NPS, health and ARR, highest first; ties by id. */
export function rankAdvocates<T extends { fit: AdvocateFit; facts: AdvocacyFacts }>(rows: readonly T[]): T[] {
  return [...rows].sort(
    (a, b) =>
      Number(b.fit.boardEligible) - Number(a.fit.boardEligible) ||
      (b.facts.latestNps?.score ?? -1) - (a.facts.latestNps?.score ?? -1) ||
      (b.facts.health?.score ?? -1) - (a.facts.health?.score ?? -1) ||
      b.facts.arrCents - a.facts.arrCents ||
      a.facts.accountId.localeCompare(b.facts.accountId),
  );
}
