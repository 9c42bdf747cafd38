import { describe, expect, it } from 'vitest';
import { usageSummary } from '../../tools/plans/usage-summary.ts';
import { leaderFor } from '../../tools/team/team-member.ts';
import { featureBreadth, stickiness, stickinessOf, usageWindowStart } from '../../tools/usage/stickiness.ts';

const AS_OF = '2026-03-31';
const row = (
  date: string,
  dau: number | null,
  mau: number | null,
  used: number | null = null,
  total: number | null = null,
) => ({
  date,
  dau,
  wau: null,
  mau,
  seats_active: null,
  core_actions: null,
  features_used: used,
  features_total: total,
});

describe('stickiness and feature breadth: one rule over the 28 days to the day', () => {
  it('is mean DAU ÷ mean MAU, not the mean of daily ratios, and ignores rows outside the window', () => {
    const rows = [
      row('2026-03-01', 90, 100), // outside: the window starts 2026-03-04
      row('2026-03-10', 10, 100),
      row('2026-03-20', 30, 50),
      row('2026-04-01', 50, 50), // after the day
    ];
    expect(usageWindowStart(AS_OF)).toBe('2026-03-04');
    // (10 + 30) / 2 ÷ (100 + 50) / 2 = 20 / 75; the mean of ratios would be (0.1 + 0.6) / 2 = 0.35.
    expect(stickiness(rows, AS_OF)).toBeCloseTo(20 / 75, 10);
    expect(stickinessOf(5, 0)).toBeNull();
    expect(stickiness([row('2026-03-10', 10, null)], AS_OF)).toBeNull();
  });

  it('reads breadth from the latest row in the window with a total above 0', () => {
    const rows = [
      row('2026-03-05', 1, 10, 4, 10),
      row('2026-03-25', 1, 10, 6, 0),
      row('2026-03-20', 1, 10, 3, 12),
      row('2026-02-01', 1, 10, 9, 10),
    ];
    expect(featureBreadth(rows, AS_OF)).toBe(0.25);
    expect(featureBreadth([row('2026-02-01', 1, 10, 9, 10)], AS_OF)).toBeNull();
  });

  it('QBR prep shows the same stickiness as the score, over its longer usage window', () => {
    const rows = [row('2026-01-15', 80, 100), row('2026-03-10', 10, 100), row('2026-03-20', 30, 50)];
    expect(usageSummary(rows, AS_OF, 90).stickiness).toBe(0.267);
    expect(usageSummary(rows, AS_OF, 90).rows).toBe(3);
  });
});

describe('the leader an account answers to', () => {
  const users = [
    { user_id: 'ana', email: 'ana@x.example', slack_id: null, role: 'csm', team: 'West' },
    { user_id: 'bo', email: 'bo@x.example', slack_id: null, role: 'csm', team: null },
    { user_id: 'lee', email: 'lee@x.example', slack_id: null, role: 'leader', team: null },
    { user_id: 'wes', email: 'wes@x.example', slack_id: null, role: 'leader', team: 'West' },
  ];
  it("is the leader of the CSM's team, else the first leader, whichever way the CSM is named", () => {
    expect(leaderFor(users, 'ANA@x.example')?.user_id).toBe('wes');
    expect(leaderFor(users, 'bo')?.user_id).toBe('lee');
    expect(leaderFor(users, null)?.user_id).toBe('lee');
    expect(leaderFor(users.slice(0, 2), 'ana')).toBeNull();
  });
});
