import { addDays, daysBetween } from '../../core/calendar.ts';
import type { ScoredGoal } from './goal-scorecard.ts';

export interface Milestone {
  goal_id: string;
  date: string;
  title: string;
  status: 'reached' | 'missed' | 'due' | 'upcoming' | 'unmeasured';
}

const DUE_WINDOW_DAYS = 14;

/**
 * Two milestones per goal with a target and a due date: the halfway value at the halfway date,
 * and the target at the due date; each with its status from the measured value.
 */
export function goalMilestones(goals: readonly ScoredGoal[], planStart: string, asOf: string): Milestone[] {
  const out: Milestone[] = [];
  for (const g of goals) {
    if (g.due === null || g.target === null || g.baseline === null || g.metric === null) continue;
    const span = Math.max(0, daysBetween(planStart, g.due));
    const halfway = addDays(planStart, Math.round(span / 2));
    const exact = g.baseline + (g.target - g.baseline) / 2;
    const midValue =
      Number.isInteger(g.baseline) && Number.isInteger(g.target)
        ? Math.round(exact)
        : Math.round(exact * 10) / 10;
    const up = g.target >= g.baseline;
    const reached = (value: number) =>
      g.current === null ? null : up ? g.current >= value : g.current <= value;
    const points: [string, number, 'halfway' | 'target'][] = [[g.due, g.target, 'target']];
    if (span > 0) points.unshift([halfway, midValue, 'halfway']);
    for (const [date, value, label] of points) {
      const hit = label === 'target' && g.score === 'achieved' ? true : reached(value);
      const status: Milestone['status'] =
        hit === true
          ? 'reached'
          : date < asOf
            ? hit === false || g.score === 'missed'
              ? 'missed'
              : 'unmeasured'
            : date <= addDays(asOf, DUE_WINDOW_DAYS)
              ? 'due'
              : hit === null
                ? 'unmeasured'
                : 'upcoming';
      out.push({
        goal_id: g.goal_id,
        date,
        title: `${g.objective}: ${value} ${g.metric} (${label})`,
        status,
      });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title));
}
