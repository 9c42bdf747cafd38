import { daysBetween } from '../../core/calendar.ts';

/** An account's onboarding as the dashboard reads it. */
export interface OnboardingFact {
  account_id: string;
  segment: string | null;
  contract_start: string;
  /** The first day with core actions on or after the contract start, up to the as-of day. */
  first_value_on: string | null;
}

export interface OnboardingBlock {
  /** Accounts within their onboarding window on the day. */
  active: number;
  /** Mean days from contract start to first value, over the onboardings that reached it. */
  avg_ttfv_days: number | null;
  /** The mean of those accounts' segment targets, to compare with. */
  avg_target_days: number | null;
  /** Of those, how many reached first value within their segment's target. */
  on_target: number;
  reached_value: number;
  /** Onboardings whose window ended in the last window's length: how many reached first value within it. */
  finished: number;
  completed: number;
  completion_rate: number | null;
}

/**
 * The weekly dashboard's onboarding block (PLAYBOOK: active onboardings, average time-to-first-value
 * against the segment target, completion rate). `windowDays` is the onboarding window (90). Pure.
 */
export function onboardingBlock(
  facts: readonly OnboardingFact[],
  asOf: string,
  windowDays: number,
  targetDays: (segment: string | null) => number | null,
): OnboardingBlock {
  const age = (f: OnboardingFact) => daysBetween(f.contract_start, asOf);
  const ttfv = (f: OnboardingFact) =>
    f.first_value_on ? daysBetween(f.contract_start, f.first_value_on) : null;
  const active = facts.filter((f) => age(f) >= 0 && age(f) <= windowDays);
  const reached = active.filter((f) => ttfv(f) !== null);
  const mean = (xs: number[]) =>
    xs.length === 0 ? null : Math.round((xs.reduce((s, x) => s + x, 0) / xs.length) * 10) / 10;
  const targets = reached.map((f) => targetDays(f.segment)).filter((t): t is number => t !== null);
  const finished = facts.filter((f) => age(f) > windowDays && age(f) <= 2 * windowDays);
  const completed = finished.filter((f) => {
    const t = ttfv(f);
    return t !== null && t <= windowDays;
  });
  return {
    active: active.length,
    avg_ttfv_days: mean(reached.map((f) => ttfv(f) as number)),
    avg_target_days: mean(targets),
    on_target: reached.filter((f) => {
      const target = targetDays(f.segment);
      return target !== null && (ttfv(f) as number) <= target;
    }).length,
    reached_value: reached.length,
    finished: finished.length,
    completed: completed.length,
    completion_rate:
      finished.length === 0 ? null : Math.round((completed.length / finished.length) * 1000) / 1000,
  };
}
