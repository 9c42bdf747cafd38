import { describe, expect, it } from 'vitest';
import { feedbackLoopSettings } from '../../knowledge/feedback-loop.ts';
import { npsCategory, npsOf } from '../../tools/feedback/nps.ts';
import { csatOf } from '../../tools/portfolio/customer-voice.ts';
import { onboardingBlock } from '../../tools/portfolio/onboarding-block.ts';

const bands = feedbackLoopSettings().nps;

describe('the customer side of the weekly dashboard', () => {
  it('NPS is % promoters − % detractors; CSAT the mean rating', () => {
    expect(npsOf([10, 9, 8, 7, 6, 0, 10, 9], bands)).toEqual({
      responses: 8,
      promoters: 4,
      passives: 2,
      detractors: 2,
      score: 25,
    });
    expect(npsOf([], bands)).toBeNull();
    // One rule: the bands move every count (a team that counts 8 as a promoter).
    const wider = { ...bands, passive: { ...bands.passive, max: 7 } };
    expect(npsOf([10, 9, 8, 7, 6, 0, 10, 9], wider)?.promoters).toBe(5);
    expect([0, 6, 7, 8, 9, 10, null].map((s) => npsCategory(s, bands))).toEqual([
      'detractor',
      'detractor',
      'passive',
      'passive',
      'promoter',
      'promoter',
      null,
    ]);
    expect(csatOf([5, 4, 4, 2])).toEqual({ responses: 4, average: 3.8 });
    expect(csatOf([])).toBeNull();
  });

  it('onboarding: active in the window, time to first value against the segment target, completion of those finished', () => {
    const block = onboardingBlock(
      [
        { account_id: 'A', segment: 'smb', contract_start: '2026-11-01', first_value_on: '2026-11-11' }, // 10 d, target 14
        {
          account_id: 'B',
          segment: 'enterprise',
          contract_start: '2026-10-01',
          first_value_on: '2026-11-20',
        }, // 50 d, target 45
        { account_id: 'C', segment: 'smb', contract_start: '2026-11-20', first_value_on: null }, // active, no value yet
        { account_id: 'D', segment: 'smb', contract_start: '2026-07-01', first_value_on: '2026-07-20' }, // finished, completed
        { account_id: 'E', segment: 'smb', contract_start: '2026-07-15', first_value_on: null }, // finished, not completed
      ],
      '2026-11-24',
      90,
      (s) => ({ smb: 14, enterprise: 45 })[s ?? ''] ?? null,
    );
    expect(block).toEqual({
      active: 3,
      avg_ttfv_days: 30,
      avg_target_days: 29.5,
      on_target: 1,
      reached_value: 2,
      finished: 2,
      completed: 1,
      completion_rate: 0.5,
    });
  });
});
