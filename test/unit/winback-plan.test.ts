import { describe, expect, it } from 'vitest';
import { winbackPlaybook } from '../../knowledge/winback-playbook.ts';
import { winbackPlan } from '../../tools/plans/winback-plan.ts';

const playbook = winbackPlaybook();

describe('win-back plan', () => {
  it.each([
    ['2026-11-10', 14, '0_30'],
    ['2026-10-25', 30, '0_30'],
    ['2026-10-24', 31, '30_90'],
    ['2026-06-30', 147, '90_180'],
    ['2026-01-01', 327, '180_365'],
    ['2024-06-30', 877, 'over_365'],
  ])('churned %s is %i days ago: bucket %s', (churnedAt, days, bucket) => {
    const plan = winbackPlan(churnedAt, 'competitor', '2026-11-24', playbook);
    expect(plan.daysSinceChurn).toBe(days);
    expect(plan.bucket.id).toBe(bucket);
  });

  it('dates the three emails from today with the reason’s variant, and falls back for unknown reasons', () => {
    const plan = winbackPlan('2026-06-30', 'budget', '2026-11-24', playbook);
    expect(plan.emails).toEqual([
      { step: 1, sendOn: '2026-11-24', subject: playbook.reasons.budget?.emails[0] },
      { step: 2, sendOn: '2026-12-08', subject: playbook.reasons.budget?.emails[1] },
      { step: 3, sendOn: '2026-12-29', subject: playbook.reasons.budget?.emails[2] },
    ]);
    expect(winbackPlan('2026-06-30', 'aliens', '2026-11-24', playbook).reason).toBe('unspecified');
    expect(winbackPlan('2026-06-30', null, '2026-11-24', playbook).whatChanged).toBe(
      playbook.reasons.unspecified?.what_changed,
    );
  });
});
