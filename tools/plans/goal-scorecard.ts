import { daysBetween } from '../../core/calendar.ts';
import type { UsageSource } from '../../knowledge/success-playbook.ts';

export interface GoalRow {
  goal_id: string;
  objective: string;
  metric: string | null;
  baseline: number | null;
  target: number | null;
  due: string | null;
  status: 'not_started' | 'in_progress' | 'achieved' | 'missed';
}

/** How a success-plan goal stands: the one scale the success plan, the QBR and the health score use. */
export const GOAL_SCORES = ['achieved', 'on_track', 'behind', 'overdue', 'missed', 'not_started'] as const;
export type GoalScore = (typeof GOAL_SCORES)[number];

export interface ScoredGoal extends GoalRow {
  /** The measured value now, when the metric is one the usage data measures. */
  current: number | null;
  /** Share of the way from baseline to target, rounded to whole percent; null when not measurable. */
  progress_percent: number | null;
  score: GoalScore;
  days_to_due: number | null;
  /** Why it scored so, in words with the figures. */
  reason: string;
}

/**
 * Scores each success-plan goal as of a day: achieved and missed as recorded; otherwise overdue
 * past its due date, behind when measured progress trails the time elapsed, else on track.
 */
export function scoreGoals(
  goals: readonly GoalRow[],
  asOf: string,
  measured: Partial<Record<UsageSource, number | null>>,
  observable: Readonly<Record<string, UsageSource>>,
  planStart: string,
): ScoredGoal[] {
  return goals.map((goal) => {
    const source = goal.metric ? observable[goal.metric.toLowerCase()] : undefined;
    const current = source ? (measured[source] ?? null) : null;
    const span = goal.target !== null && goal.baseline !== null ? goal.target - goal.baseline : null;
    const progress =
      current !== null && span !== null && span !== 0 && goal.baseline !== null
        ? Math.round(((current - goal.baseline) / span) * 100)
        : null;
    const daysToDue = goal.due ? daysBetween(asOf, goal.due) : null;
    const elapsed =
      goal.due && daysBetween(planStart, goal.due) > 0
        ? Math.round((daysBetween(planStart, asOf) / daysBetween(planStart, goal.due)) * 100)
        : null;
    const measuredLine =
      current !== null && progress !== null
        ? `${goal.metric} ${current} now, ${progress}% of the way from ${goal.baseline} to ${goal.target}`
        : `${goal.metric ?? 'no metric'}: ${goal.baseline ?? '?'} → ${goal.target ?? '?'}, not measured in the data`;
    let score: GoalScore;
    let reason: string;
    if (goal.status === 'achieved') {
      score = 'achieved';
      reason = `recorded as achieved; ${measuredLine}`;
    } else if (goal.status === 'missed') {
      score = 'missed';
      reason = `recorded as missed; ${measuredLine}`;
    } else if (daysToDue !== null && daysToDue < 0) {
      score = 'overdue';
      reason = `due ${goal.due}, ${-daysToDue} days ago, not achieved; ${measuredLine}`;
    } else if (goal.status === 'not_started') {
      score = 'not_started';
      reason = `not started${goal.due ? `; due ${goal.due} in ${daysToDue} days` : ''}`;
    } else if (progress !== null && elapsed !== null && progress < Math.min(100, elapsed)) {
      score = 'behind';
      reason = `${measuredLine}, while ${Math.min(100, elapsed)}% of the time to ${goal.due} has passed`;
    } else {
      score = 'on_track';
      reason = `in progress; ${measuredLine}${goal.due ? `; due ${goal.due}` : ''}`;
    }
    return { ...goal, current, progress_percent: progress, score, days_to_due: daysToDue, reason };
  });
}

/** One line for a value recap: "2 of 3 goals achieved (a; b)", or that none are on record. */
export function goalRecapLine(achievedObjectives: readonly string[], total: number): string {
  if (total === 0) return 'no success-plan goals on record';
  const named = achievedObjectives.length > 0 ? ` (${achievedObjectives.join('; ')})` : '';
  return `${achievedObjectives.length} of ${total} goals achieved${named}`;
}
