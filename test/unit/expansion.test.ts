import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/calendar.ts';
import { type ExpansionSignalId, expansionConfig } from '../../knowledge/expansion-config.ts';
import { healthModel } from '../../knowledge/health-model.ts';
import { expansionLeadScore } from '../../tools/expansion/expansion-lead-score.ts';
import { expansionSignals } from '../../tools/expansion/expansion-signals.ts';
import { healthScore } from '../../tools/health/health-score.ts';
import type { AccountRiskData } from '../../tools/risk/account-risk-data.ts';
import { AS_OF, calm } from '../helpers/risk-fixtures.ts';

const config = expansionConfig();
const event = (type: string, daysAgo: number) => ({
  type,
  at: `${addDays(AS_OF, -daysAgo)}T10:00:00.000Z`,
  details: null,
});
/** A calm account with plenty of spare seats, so only the signal under test can be present. */
const roomy = (overrides: Partial<AccountRiskData> = {}) => calm({ seatsPurchased: 500, ...overrides });
const present = (data: AccountRiskData, score = 60) =>
  expansionSignals(data, score, config)
    .filter((s) => s.present)
    .map((s) => s.id);

const CASES: [ExpansionSignalId, AccountRiskData, AccountRiskData, number?][] = [
  [
    'usage_limit_hit',
    roomy({ events: [event('usage_limit_hit', 10)] }),
    roomy({ events: [event('usage_limit_hit', 120)] }),
  ],
  [
    'new_team_interest',
    roomy({ events: [event('new_team_interest', 30)] }),
    roomy({ events: [event('new_team_interest', 95)] }),
  ],
  [
    'higher_tier_request',
    roomy({ events: [event('higher_tier_request', 1)] }),
    roomy({ events: [event('billing_page_visit', 1)] }),
  ],
  [
    'funding_round',
    roomy({ events: [event('funding_round', 150)] }),
    roomy({ events: [event('funding_round', 200)] }),
  ],
  [
    'champion_promoted',
    roomy({ events: [event('champion_promoted', 40)] }),
    roomy({ events: [event('champion_left', 40)] }),
  ],
  ['api_access_request', roomy({ events: [event('api_access_request', 5)] }), roomy()],
  [
    'high_health_near_renewal',
    roomy({ renewalDate: addDays(AS_OF, 60) }),
    roomy({ renewalDate: addDays(AS_OF, 200) }),
    80,
  ],
  ['seats_over_80_percent', calm({ seatsPurchased: 110 }), calm({ seatsPurchased: 130 })],
];

describe('expansion signals', () => {
  it('find nothing on a calm account with spare seats', () => {
    expect(present(roomy())).toEqual([]);
  });

  it.each(CASES)(
    '%s is present on its evidence and absent on the near miss',
    (id, positive, negative, score = 60) => {
      expect(present(positive, score)).toEqual([id]);
      expect(present(negative, score)).toEqual([]);
    },
  );

  it('scores leads 0–100 from usage growth, adoption, sentiment, footprint and seat use', () => {
    const growing = calm({
      seatsPurchased: 100,
      usage: calm().usage.map((u, k) => (k >= 4 ? { ...u, core_actions: 1500 } : u)),
      feedback90d: [
        { feedback_id: 'FB-1', created_at: `${AS_OF}T00:00:00Z`, text: 'great', source: 'nps', score: 9 },
      ],
    });
    const lead = expansionLeadScore(growing, healthScore(growing, healthModel()), config);
    expect(lead.parts.usage_growth.points).toBe(30);
    expect(lead.parts.feature_adoption.points).toBe(12.5);
    expect(lead.parts.sentiment.points).toBe(18);
    expect(lead.parts.arr_potential.points).toBe(10);
    expect(lead.score).toBe(Math.round(30 + 12.5 + 18 + lead.parts.footprint.points + 10));
    const flat = expansionLeadScore(
      calm({ seatsPurchased: 1000 }),
      healthScore(calm(), healthModel()),
      config,
    );
    expect(flat.score).toBeLessThan(lead.score);
  });
});
