import { describe, expect, it } from 'vitest';
import { lifecyclePlaybook } from '../../knowledge/lifecycle-playbook.ts';
import { csTier, planFocus } from '../../tools/plans/lifecycle-stage.ts';

const playbook = lifecyclePlaybook();
const AS_OF = '2026-11-24';
/** Month-end MRR in dollars from 2025-12 to 2026-10. */
const mrr = (dollars: number[]) =>
  dollars.map((d, k) => ({
    month: `${k < 1 ? '2025' : '2026'}-${String(k < 1 ? 12 : k).padStart(2, '0')}`,
    cents: d * 100,
  }));
/** ARR as facts/arr gives it for such a history: 12 × the latest month's MRR. */
const arrOf = (months: { cents: number }[]) => (months.at(-1)?.cents ?? 0) * 12;

describe('lifecycle stage, segment strategy and CS tier', () => {
  it('reads the stage from whole months since the contract start, at each boundary', () => {
    const stageAt = (contractStart: string) =>
      planFocus(
        { contractStart, segment: 'smb', arrCents: null, mrr: [], asOf: AS_OF },
        'success_plan',
        playbook,
      ).stage;
    expect(stageAt('2026-06-01')).toMatchObject({ id: 'year_1', months_as_customer: 5 });
    expect(stageAt('2025-11-25')).toMatchObject({ id: 'year_1', months_as_customer: 11 });
    expect(stageAt('2025-11-24')).toMatchObject({ id: 'year_2', months_as_customer: 12 });
    expect(stageAt('2024-11-20')).toMatchObject({ id: 'year_3_plus', months_as_customer: 24 });
    expect(stageAt('2027-01-01')).toBeNull();
  });

  it('adds the stage steps for the kind of plan, then the segment strategy', () => {
    const focus = planFocus(
      { contractStart: '2025-06-01', segment: 'enterprise', arrCents: null, mrr: [], asOf: AS_OF },
      'qbr_prep',
      playbook,
    );
    expect(focus.strategy).toEqual({
      segment: 'enterprise',
      strategy: 'relationship-driven',
      how: 'exec alignment and a dedicated CSM',
    });
    expect(focus.steps).toEqual([
      'Bring the expansion case and, for a promoter, the advocacy ask',
      'Keep the exec sponsor aligned: an exec touch this quarter',
    ]);
    const smb = planFocus(
      { contractStart: '2026-09-01', segment: 'smb', arrCents: null, mrr: [], asOf: AS_OF },
      'save_play',
      playbook,
    );
    expect(smb.steps).toEqual([
      'Restart onboarding where it stalled: name the blocked step and the person who owns it',
      'Prefer in-product guides and a webinar over one-to-one meetings',
    ]);
  });

  it('maps ARR to the touch tiers at their boundaries', () => {
    expect(
      [100_000, 99_999, 25_000, 24_999, 5_000, 4_999, 0].map((arr) => csTier(arr * 100, playbook).id),
    ).toEqual(['enterprise', 'mid-market', 'mid-market', 'smb', 'smb', 'self-serve', 'self-serve']);
  });

  it('plans a transition after a contraction moves an account to a lower tier, and only then', () => {
    // $9,000 MRR ($108k ARR, enterprise) until a contraction to $6,000 ($72k, mid-market) in 2026-07.
    const contracted = mrr([9000, 9000, 9000, 9000, 9000, 9000, 9000, 6000, 6000, 6000, 6000]);
    const focus = planFocus(
      {
        contractStart: '2023-01-01',
        segment: 'enterprise',
        arrCents: arrOf(contracted),
        mrr: contracted,
        asOf: AS_OF,
      },
      'success_plan',
      playbook,
    );
    expect(focus.cs_tier).toEqual({ current: 'mid-market', label: 'mid-market (mid touch)' });
    expect(focus.tier_transition).toMatchObject({ from: 'enterprise', to: 'mid-market', since: '2026-07' });
    expect(focus.tier_transition?.steps[2]).toBe(
      'Send the self-service kit: help centre, in-product guides, office hours and how to reach support',
    );
    // A contraction that stays in the tier, and growth, need none.
    const within = mrr([9500, 9500, 9500, 9500, 9500, 9500, 9500, 8500, 8500, 8500, 8500]);
    expect(
      planFocus(
        {
          contractStart: '2023-01-01',
          segment: 'enterprise',
          arrCents: arrOf(within),
          mrr: within,
          asOf: AS_OF,
        },
        'success_plan',
        playbook,
      ).tier_transition,
    ).toBeNull();
    // A move more than 12 months back is settled.
    const old = [{ month: '2025-09', cents: 900_000 }, ...mrr(Array(11).fill(6000))];
    expect(
      planFocus(
        { contractStart: '2023-01-01', segment: 'enterprise', arrCents: arrOf(old), mrr: old, asOf: AS_OF },
        'success_plan',
        playbook,
      ).tier_transition,
    ).toBeNull();
    // A churned account (no MRR now) is for the win-back plan, not a tier move.
    const gone = mrr([9000, 9000, 9000, 9000, 9000, 9000, 9000, 0, 0, 0, 0]);
    expect(
      planFocus(
        { contractStart: '2023-01-01', segment: 'enterprise', arrCents: arrOf(gone), mrr: gone, asOf: AS_OF },
        'success_plan',
        playbook,
      ).tier_transition,
    ).toBeNull();
  });
});
