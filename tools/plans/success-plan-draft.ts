import { addDays } from '../../core/calendar.ts';
import type { DefaultGoal, SuccessPlaybook, UsageSource } from '../../knowledge/success-playbook.ts';

export interface DraftGoal {
  objective: string;
  metric: string;
  baseline: number;
  target: number;
  due: string;
  /** How the target was set, in words with the figures. */
  basis: string;
}

export interface SuccessPlanDraft {
  goals: DraftGoal[];
  /** Segment defaults left out, and why (no data for the baseline, already at target). */
  skipped: string[];
}

function targetFor(goal: DefaultGoal, baseline: number, seats: number | null, features: number | null) {
  if (goal.uplift_percent !== undefined)
    return {
      target: Math.ceil(baseline * (1 + goal.uplift_percent / 100)),
      basis: `today's ${baseline} + ${goal.uplift_percent}%`,
    };
  if (goal.target_share_of_seats !== undefined && seats)
    return {
      target: Math.ceil(seats * goal.target_share_of_seats),
      basis: `${Math.round(goal.target_share_of_seats * 100)}% of ${seats} seats purchased`,
    };
  if (goal.target_share_of_features !== undefined && features)
    return {
      target: Math.ceil(features * goal.target_share_of_features),
      basis: `${Math.round(goal.target_share_of_features * 100)}% of ${features} features`,
    };
  return null;
}

/**
 * A draft success plan from the segment's default goals, with baselines measured in the account's
 * own usage and targets set by the playbook's rule for each goal.
 */
export function draftSuccessPlan(
  segment: string | null,
  measured: Partial<Record<UsageSource, number | null>>,
  seatsPurchased: number | null,
  featuresTotal: number | null,
  asOf: string,
  playbook: SuccessPlaybook,
): SuccessPlanDraft {
  const defaults = playbook.segments[segment ?? ''] ?? playbook.segments['mid-market'] ?? [];
  const goals: DraftGoal[] = [];
  const skipped: string[] = [];
  for (const goal of defaults) {
    const baseline = measured[goal.source] ?? null;
    if (baseline === null) {
      skipped.push(`${goal.objective}: no ${goal.metric} in the usage data to set a baseline`);
      continue;
    }
    const sized = targetFor(goal, baseline, seatsPurchased, featuresTotal);
    if (!sized) {
      skipped.push(
        `${goal.objective}: the target needs ${goal.target_share_of_seats ? 'seats purchased' : 'features total'}, which the data does not have`,
      );
      continue;
    }
    if (sized.target <= baseline) {
      skipped.push(
        `${goal.objective}: already at ${baseline} ${goal.metric}, at or above the default target ${sized.target}`,
      );
      continue;
    }
    goals.push({
      objective: goal.objective,
      metric: goal.metric,
      baseline,
      target: sized.target,
      due: addDays(asOf, playbook.draft_due_days[goal.due_index] as number),
      basis: sized.basis,
    });
  }
  return { goals, skipped };
}
