import { addDays } from '../../core/calendar.ts';
import type { OnboardingPlaybook } from '../../knowledge/onboarding-playbook.ts';
import type { AccountRiskData } from '../risk/account-risk-data.ts';

export type MilestoneStatus = 'done' | 'missed' | 'due' | 'upcoming' | 'blocked' | 'not observable';

export interface OnboardingMilestone {
  week: number;
  due: string;
  title: string;
  status: MilestoneStatus;
  evidence: string | null;
}

type Seen = { at: string; detail: string } | { blocked: string } | null | 'unobservable';

/** When a milestone's evidence appears in the data (a date and words), what blocks it, or null when not seen yet. */
function observed(data: AccountRiskData, evidence: string, start: string, kickoffAt: string | null): Seen {
  const rows = [
    ...data.earlyUsage,
    ...data.usage.map((u) => ({ date: u.date, dau: u.dau, seats_active: null, mau: u.mau })),
  ];
  const activation = (share: number): Seen => {
    if (!data.seatsPurchased) return 'unobservable';
    const seats = data.seatsPurchased;
    const hit = rows.find((u) => u.date >= start && (u.seats_active ?? u.mau ?? 0) >= share * seats);
    return hit
      ? { at: hit.date, detail: `${hit.seats_active ?? hit.mau} of ${seats} seats active on ${hit.date}` }
      : null;
  };
  switch (evidence) {
    case 'kickoff':
      return kickoffAt ? { at: kickoffAt, detail: `kickoff meeting on ${kickoffAt}` } : null;
    case 'first_login': {
      const login = rows.find((u) => u.date >= start && (u.dau ?? 0) > 0);
      return login ? { at: login.date, detail: `first active users on ${login.date}` } : null;
    }
    case 'integration': {
      const failed = data.events.find((e) => e.type === 'integration_failed');
      return failed ? { blocked: `integration failed on ${failed.at.slice(0, 10)}` } : 'unobservable';
    }
    case 'activation_25':
      return activation(0.25);
    case 'activation_50':
      return activation(0.5);
    case 'activation_80':
      return activation(0.8);
    case 'goals_defined':
      return data.goals.length > 0 ? { at: start, detail: `${data.goals.length} goals on record` } : null;
    default:
      return 'unobservable';
  }
}

/**
 * The 90-day plan dated from contract start, each milestone's status from the data: done (with
 * the evidence), blocked, missed (its week passed), due (this week), upcoming, or not observable.
 */
export function onboardingProgress(
  data: AccountRiskData,
  kickoffAt: string | null,
  playbook: OnboardingPlaybook,
): OnboardingMilestone[] {
  const start = data.contractStart ?? data.asOf;
  return playbook.milestones.map((m) => {
    const due = addDays(start, m.week * 7 - 1);
    const seen = observed(data, m.evidence, start, kickoffAt);
    let status: MilestoneStatus;
    let evidence: string | null = null;
    if (seen === 'unobservable') status = 'not observable';
    else if (seen && 'blocked' in seen) {
      status = 'blocked';
      evidence = seen.blocked;
    } else if (seen && seen.at <= data.asOf) {
      status = 'done';
      evidence = seen.detail;
    } else if (due < data.asOf) status = 'missed';
    else if (due <= addDays(data.asOf, 7)) status = 'due';
    else status = 'upcoming';
    return { week: m.week, due, title: m.title, status, evidence };
  });
}
