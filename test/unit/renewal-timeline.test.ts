import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../core/money.ts';
import { renewalPlaybook } from '../../knowledge/renewal-playbook.ts';
import { renewalTimeline } from '../../tools/plans/renewal-timeline.ts';

const playbook = renewalPlaybook();
const owners = { csm: 'maya@cs.example', leader: 'lee@cs.example' };

describe('renewal timeline', () => {
  it('dates every step back from the renewal date, all upcoming when it is more than 90 days out', () => {
    const steps = renewalTimeline('2027-06-30', '2026-11-24', [], owners, playbook);
    expect(steps.map((s) => [s.offset_days, s.date])).toEqual([
      [-90, '2027-04-01'],
      [-75, '2027-04-16'],
      [-60, '2027-05-01'],
      [-45, '2027-05-16'],
      [-30, '2027-05-31'],
      [-14, '2027-06-16'],
      [-7, '2027-06-23'],
    ]);
    expect(new Set(steps.map((s) => s.status))).toEqual(new Set(['upcoming']));
    expect(steps.find((s) => s.offset_days === -14)?.owner).toBe('lee@cs.example');
  });

  it('marks done from logged touchpoints, overdue when missed, due within a week', () => {
    const steps = renewalTimeline(
      '2026-12-24',
      '2026-11-24',
      [
        { at: '2026-09-25T10:00:00Z', kind: 'meeting' },
        { at: '2026-11-20T10:00:00Z', kind: 'email' },
      ],
      owners,
      playbook,
    );
    expect(steps.map((s) => [s.offset_days, s.status])).toEqual([
      [-90, 'done'],
      [-75, 'overdue'],
      [-60, 'overdue'],
      [-45, 'done'],
      [-30, 'due'],
      [-14, 'upcoming'],
      [-7, 'upcoming'],
    ]);
    expect(steps[0]?.evidence).toBe('meeting on 2026-09-25');
  });

  it('handles a renewal due today and one already past', () => {
    const today = renewalTimeline('2026-11-24', '2026-11-24', [], owners, playbook);
    expect(today.every((s) => s.status === 'overdue')).toBe(true);
    const past = renewalTimeline(
      '2026-10-01',
      '2026-11-24',
      [{ at: '2026-09-28T00:00:00Z', kind: 'call' }],
      owners,
      playbook,
    );
    // One call three days after the renewal date only counts for the last step.
    expect(past.map((s) => s.status)).toEqual([
      'overdue',
      'overdue',
      'overdue',
      'overdue',
      'overdue',
      'overdue',
      'done',
    ]);
  });

  it('prints money with cents only when there are some', () => {
    expect(formatMoney(5_336_340)).toBe('$53,363.40');
    expect(formatMoney(5_617_200)).toBe('$56,172');
  });
});
