import { severityRank } from '../../knowledge/alert-rules.ts';

/** An alert line in a digest. */
export interface DigestAlert {
  alert_id: string;
  account_name: string;
  rule_label: string;
  severity: 'critical' | 'high' | 'medium' | 'low';
  state: string;
  reason: string;
}

/** A CSM's morning digest (DESIGN §11): what waits on them, what changed, renewals this week. */
export interface DailyDigest {
  day: string;
  waiting: DigestAlert[];
  /** Alerts held back from a DM by the weekly budget (or with no one to DM): shown here instead. */
  held_back: DigestAlert[];
  raised_today: number;
  resolved_today: DigestAlert[];
  renewals: { account_name: string; renewal_date: string }[];
  budget: { sent_this_week: number; weekly_cap: number };
}

const bySeverity = (a: DigestAlert, b: DigestAlert) =>
  severityRank(a.severity) - severityRank(b.severity) || a.account_name.localeCompare(b.account_name);

/** Builds the digest from its parts: sorted, held-back alerts kept apart from the ones already DMed. Pure. */
export function dailyDigest(parts: {
  day: string;
  open: readonly DigestAlert[];
  heldBack: readonly DigestAlert[];
  raisedToday: number;
  resolvedToday: readonly DigestAlert[];
  renewals: DailyDigest['renewals'];
  budget: DailyDigest['budget'];
}): DailyDigest {
  const held = new Set(parts.heldBack.map((a) => a.alert_id));
  return {
    day: parts.day,
    waiting: parts.open.filter((a) => !held.has(a.alert_id)).sort(bySeverity),
    held_back: [...parts.heldBack].sort(bySeverity),
    raised_today: parts.raisedToday,
    resolved_today: [...parts.resolvedToday].sort(bySeverity),
    renewals: parts.renewals,
    budget: parts.budget,
  };
}

/** Whether a digest has anything worth a message. */
export const digestIsEmpty = (d: DailyDigest): boolean =>
  d.waiting.length + d.held_back.length + d.resolved_today.length + d.renewals.length === 0;
