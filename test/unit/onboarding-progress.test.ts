import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/calendar.ts';
import { onboardingPlaybook } from '../../knowledge/onboarding-playbook.ts';
import { onboardingProgress } from '../../tools/plans/onboarding-progress.ts';
import { AS_OF, calm } from '../helpers/risk-fixtures.ts';

const playbook = onboardingPlaybook();
const start = addDays(AS_OF, -36);

describe('onboarding progress', () => {
  it('dates milestones from contract start and reads their status from the data', () => {
    const data = calm({
      contractStart: start,
      seatsPurchased: 100,
      usage: [],
      earlyUsage: [
        { date: addDays(start, 2), dau: 3, seats_active: 10, mau: 10 },
        { date: addDays(start, 16), dau: 12, seats_active: 30, mau: 30 },
      ],
      goals: [{ status: 'in_progress', due: null }],
      events: [{ type: 'integration_failed', at: `${addDays(start, 9)}T10:00:00Z`, details: null }],
    });
    const milestones = onboardingProgress(data, addDays(start, 5), playbook);
    expect(milestones.map((m) => [m.week, m.due, m.status])).toEqual([
      [1, addDays(start, 6), 'done'],
      [1, addDays(start, 6), 'done'],
      [2, addDays(start, 13), 'blocked'],
      [3, addDays(start, 20), 'done'],
      [4, addDays(start, 27), 'done'],
      [5, addDays(start, 34), 'missed'],
      [8, addDays(start, 55), 'upcoming'],
      [12, addDays(start, 83), 'not observable'],
    ]);
    expect(milestones[3]?.evidence).toBe(`30 of 100 seats active on ${addDays(start, 16)}`);
  });

  it('marks a milestone due in the current week, and the kickoff missed when none was held', () => {
    const data = calm({ contractStart: addDays(AS_OF, -3), seatsPurchased: 100, usage: [], earlyUsage: [] });
    const [kickoff] = onboardingProgress(data, null, playbook);
    expect(kickoff).toMatchObject({ status: 'due', due: addDays(AS_OF, 3) });
    const late = onboardingProgress(
      calm({ contractStart: addDays(AS_OF, -20), usage: [], earlyUsage: [] }),
      null,
      playbook,
    );
    expect(late[0]?.status).toBe('missed');
  });
});
