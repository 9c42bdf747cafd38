import type { AlertRuleId, AlertSeverity } from '../../knowledge/alert-rules.ts';
import type { HealthTier, ReportedTier } from '../../knowledge/health-model.ts';
import type { EngagementLevel } from '../health/engagement-level.ts';
import type { AccountRiskData } from '../risk/account-risk-data.ts';
import type { Indicator } from '../risk/leading-indicators.ts';

/** One input an alert fired on, with its date: what the DM and `cse alerts` show as evidence. */
export interface AlertEvidence {
  input: string;
  value: string;
  /** 'YYYY-MM-DD': when the input was true (a snapshot day, an event's date). */
  as_of: string | null;
}

/** A rule that holds for an account on a day: the would-be alert, before the lifecycle decides. */
export interface AlertCondition {
  account_id: string;
  rule: AlertRuleId;
  /** Part of the identity (account, rule, reason key): '' when one alert per account and rule. */
  reason_key: string;
  severity: AlertSeverity;
  /** The reason in words. */
  reason: string;
  evidence: AlertEvidence[];
  /** The inputs without the figures that move daily: "snooze until the inputs change" compares it. */
  inputs_key: string;
  /** 'YYYY-MM-DD': when the condition started, as far as the data tells. */
  since: string;
}

/** A stored health snapshot, as the alert rules read it. */
export interface SnapshotPoint {
  as_of: string;
  /** Null on a day the account was unscored (too little data). */
  score: number | null;
  tier: ReportedTier;
}

/** A snapshot with a score: only these enter tier and score comparisons. */
export type ScoredPoint = SnapshotPoint & { score: number; tier: HealthTier };
export const isScored = (s: SnapshotPoint | null): s is ScoredPoint => s !== null && s.score !== null;

/** Everything the alert rules read for one account on one day. Built by the store, read by pure rules. */
export interface AlertInputs {
  day: string;
  account: { id: string; name: string; csm: string | null; arrCents: number | null };
  risk: AccountRiskData;
  indicators: Indicator[];
  /** In its onboarding window (knowledge/risk/churn-risk.json onboarding_days). */
  onboarding: boolean;
  /** Today's snapshot, and the snapshots of the lookback window before it (oldest first). */
  snapshot: SnapshotPoint | null;
  history: SnapshotPoint[];
  /** An open save play owns the account (an acknowledged or played alert that opens save_play). */
  savePlayOpen: boolean;
  /** The engagement level on the day and one window (28 days) before; null without usage. */
  engagement: { now: EngagementLevel | null; before: EngagementLevel | null };
  /** The severe tickets (P1/P2) open at the end of the day, oldest first (loaded when a rule needs them). */
  severeTickets: { ticket_id: string; severity: string | null; subject: string | null; opened_at: string }[];
  /** The instant the rules judge (the run's time, or the end of the day for a past day). */
  at: string;
  /**
   * The customer's questions and escalations in linked channels our team had not answered by
   * `at`, oldest first (loaded when a rule needs them).
   */
  unanswered: { channel_id: string; ts: string; at: string; kind: string; quote: string }[];
}
