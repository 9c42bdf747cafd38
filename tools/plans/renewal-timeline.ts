import { addDays } from '../../core/calendar.ts';
import type { RenewalPlaybook } from '../../knowledge/renewal-playbook.ts';

export type StepStatus = 'done' | 'due' | 'overdue' | 'upcoming';

export interface TimelineStep {
  offset_days: number;
  date: string;
  action: string;
  owner: string;
  status: StepStatus;
  /** The touchpoint that did it, when done. */
  evidence: string | null;
}

/**
 * The renewal sequence anchored on the renewal date. A step is done when a touchpoint of its
 * kind was logged from `done_window_days` before its date until the next step's date; otherwise
 * it is overdue (date passed), due (within `due_window_days`), or upcoming.
 */
export function renewalTimeline(
  renewalDate: string,
  asOf: string,
  touchpoints: readonly { at: string; kind: string }[],
  owners: { csm: string; leader: string },
  playbook: RenewalPlaybook,
): TimelineStep[] {
  const steps = [...playbook.steps].sort((a, b) => a.offset_days - b.offset_days);
  return steps.map((step, k) => {
    const date = addDays(renewalDate, step.offset_days);
    const from = addDays(date, -playbook.done_window_days);
    // A touchpoint counts for one step only: before the next step's date (the last step: up to today).
    const next = steps[k + 1];
    const nextEve = next ? addDays(renewalDate, next.offset_days - 1) : asOf;
    const until = nextEve < asOf ? nextEve : asOf;
    const doneBy = touchpoints.find(
      (t) =>
        (step.done_by as readonly string[]).includes(t.kind) &&
        t.at.slice(0, 10) >= from &&
        t.at.slice(0, 10) <= until,
    );
    let status: StepStatus;
    if (doneBy) status = 'done';
    else if (date < asOf) status = 'overdue';
    else if (date <= addDays(asOf, playbook.due_window_days)) status = 'due';
    else status = 'upcoming';
    return {
      offset_days: step.offset_days,
      date,
      action: step.action,
      owner: owners[step.owner],
      status,
      evidence: doneBy ? `${doneBy.kind} on ${doneBy.at.slice(0, 10)}` : null,
    };
  });
}
