import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/calendar.ts';
import { churnRiskConfig, type IndicatorId } from '../../knowledge/churn-risk-config.ts';
import type { AccountRiskData } from '../../tools/risk/account-risk-data.ts';
import { assessChurnRisk } from '../../tools/risk/churn-risk-assessment.ts';
import { leadingIndicators } from '../../tools/risk/leading-indicators.ts';
import { AS_OF, calm } from '../helpers/risk-fixtures.ts';

const config = churnRiskConfig();

const event = (type: string, daysAgo: number) => ({
  type,
  at: `${addDays(AS_OF, -daysAgo)}T10:00:00.000Z`,
  details: null,
});
const fired = (data: AccountRiskData) =>
  leadingIndicators(data, config)
    .filter((i) => i.fired)
    .map((i) => i.id);
const onboardingStart = addDays(AS_OF, -40);
const onboarding = (extra: Partial<AccountRiskData> = {}) =>
  calm({
    contractStart: onboardingStart,
    earlyUsage: [{ date: addDays(onboardingStart, 2), dau: 5, seats_active: 60, mau: 60 }],
    ...extra,
  });

const CASES: [IndicatorId, AccountRiskData, AccountRiskData][] = [
  [
    'usage_decline',
    calm({ usage: calm().usage.map((u, k) => (k >= 4 ? { ...u, core_actions: 600 } : u)) }),
    calm({ usage: calm().usage.map((u, k) => (k >= 4 ? { ...u, core_actions: 750 } : u)) }),
  ],
  [
    'champion_left',
    calm({ contacts: [{ role: 'champion', last_engaged_at: '2026-10-01', left_at: addDays(AS_OF, -20) }] }),
    calm({ contacts: [{ role: 'champion', last_engaged_at: '2026-01-01', left_at: addDays(AS_OF, -200) }] }),
  ],
  [
    'ticket_spike_then_silence',
    calm({
      tickets90d: [50, 47, 45].map((d) => ({
        opened_at: `${addDays(AS_OF, -d)}T09:00:00Z`,
        severity: 'p2',
        subject: null,
      })),
    }),
    calm({
      tickets90d: [50, 47, 45, 5].map((d) => ({
        opened_at: `${addDays(AS_OF, -d)}T09:00:00Z`,
        severity: 'p2',
        subject: null,
      })),
    }),
  ],
  [
    'billing_page_visits',
    calm({ events: [event('billing_page_visit', 10)] }),
    calm({
      events: [event('billing_page_visit', 10)],
      mrr: [
        { month: '2026-08', cents: 100_000 },
        { month: '2026-10', cents: 120_000 },
      ],
    }),
  ],
  [
    'competitor_evaluation',
    calm({ events: [event('competitor_eval', 30)] }),
    calm({ events: [event('competitor_eval', 120)] }),
  ],
  ['data_export', calm({ events: [event('data_export', 5)] }), calm({ events: [event('data_export', 90)] })],
  [
    'non_renewal_signals',
    calm({
      renewalDate: addDays(AS_OF, 40),
      feedback90d: [
        {
          feedback_id: 'FB-1',
          created_at: `${addDays(AS_OF, -3)}T00:00:00Z`,
          text: 'We will likely not renew next year',
          source: 'call_note',
          score: null,
        },
      ],
    }),
    calm({ renewalDate: addDays(AS_OF, 40) }),
  ],
  [
    'seat_removal',
    calm({ events: [event('seats_removed', 20)] }),
    calm({ events: [event('seats_removed', 150)] }),
  ],
  ['no_login_after_day_3', onboarding({ earlyUsage: [] }), onboarding()],
  [
    'low_activation_day_30',
    onboarding({ earlyUsage: [{ date: addDays(onboardingStart, 2), dau: 5, seats_active: 30, mau: 30 }] }),
    onboarding(),
  ],
  ['kickoff_delayed', onboarding({ events: [event('kickoff_delayed', 35)] }), onboarding()],
  [
    'no_exec_sponsor',
    onboarding({ contacts: [{ role: 'champion', last_engaged_at: AS_OF, left_at: null }] }),
    onboarding(),
  ],
  ['integration_failed', onboarding({ events: [event('integration_failed', 30)] }), onboarding()],
  [
    'acquired_by',
    calm({ events: [event('acquired_by', 40)] }),
    calm({ events: [event('acquired_company', 40)] }),
  ],
  // The champion on 5 of 6 touchpoints, in each of the last three months; the near miss has a
  // second contact on two of them (4 of 6, under 80 %).
  [
    'champion_burnout',
    carried(['CH', 'CH', 'CH', 'CH', 'CH', 'OT']),
    carried(['CH', 'CH', 'CH', 'CH', 'OT', 'OT']),
  ],
];

/** Touchpoints 10, 25, 40, 55, 70 and 85 days ago, with these contacts; CH is the champion. */
function carried(contacts: string[]): AccountRiskData {
  return calm({
    contacts: [
      {
        contact_id: 'CH',
        name: 'Dana Cole',
        role: 'champion',
        last_engaged_at: addDays(AS_OF, -5),
        left_at: null,
      },
      {
        contact_id: 'OT',
        name: 'Lee Park',
        role: 'user',
        last_engaged_at: addDays(AS_OF, -150),
        left_at: null,
      },
    ],
    touchpoints180d: contacts.map((contact_id, k) => ({
      at: `${addDays(AS_OF, -(10 + 15 * k))}T10:00:00Z`,
      contact_id,
    })),
  });
}

describe('leading indicators', () => {
  it('fire on nothing for a calm, established account', () => {
    expect(fired(calm())).toEqual([]);
  });

  it.each(CASES)('%s fires on its evidence and not on the near miss', (id, positive, negative) => {
    // No logins at all also means no seats were activated.
    expect(fired(positive)).toEqual(id === 'no_login_after_day_3' ? [id, 'low_activation_day_30'] : [id]);
    expect(fired(negative)).toEqual([]);
    const indicator = leadingIndicators(positive, config).find((i) => i.id === id);
    expect(indicator?.evidence.length).toBeGreaterThan(0);
    expect(indicator?.since).not.toBeNull();
  });

  it('checks onboarding signals only in the first 90 days', () => {
    expect(leadingIndicators(calm(), config).map((i) => i.id)).not.toContain('no_exec_sponsor');
    expect(leadingIndicators(onboarding(), config).map((i) => i.id)).toContain('no_exec_sponsor');
  });

  it('forgives a usage decline in a seasonal month', () => {
    const dip = calm({
      seasonalMonths: [11],
      usage: calm().usage.map((u, k) => (k >= 4 ? { ...u, core_actions: 400, wau: 40 } : u)),
    });
    expect(fired(dip)).toEqual([]);
  });
});

describe('edge cases from the playbook', () => {
  it('says who carries the relationship, and plays the burnout play over the champion-left one', () => {
    const indicators = leadingIndicators(carried(['CH', 'CH', 'CH', 'CH', 'CH', 'OT']), config);
    const burnout = indicators.find((i) => i.id === 'champion_burnout');
    expect(burnout?.evidence).toEqual([
      'Dana Cole (champion) was the contact on 5 of 6 touchpoints in 120 days, in each of the last 3 months',
      '0 other contact(s) engaged in that time',
    ]);
    const risk = assessChurnRisk(
      indicators,
      { tier: 'healthy', renewalDate: null, contractTerm: 'annual', arrCents: 0, asOf: AS_OF },
      config,
    );
    expect(risk.savePlay?.title).toBe("Share the champion's load");
    // Four touchpoints, all the champion's, but none in the last 30 days: not carried for months now.
    const gap = calm({
      contacts: carried([]).contacts,
      touchpoints180d: [35, 50, 65, 80].map((d) => ({
        at: `${addDays(AS_OF, -d)}T10:00:00Z`,
        contact_id: 'CH',
      })),
    });
    expect(fired(gap)).toEqual([]);
  });

  it('an acquisition is a consolidation risk with its own play', () => {
    const risk = assessChurnRisk(
      leadingIndicators(calm({ events: [event('acquired_by', 40)] }), config),
      { tier: 'healthy', renewalDate: null, contractTerm: 'annual', arrCents: 0, asOf: AS_OF },
      config,
    );
    expect(risk.likelyReason?.category).toBe('strategic');
    expect(risk.savePlay?.steps[0]).toBe(
      'Find and meet the new stakeholders at the parent company within two weeks',
    );
  });
});

describe('churn risk assessment', () => {
  it('adds indicator weights, tier, renewal and ARR into a level and names the likely reason', () => {
    const data = calm({
      events: [event('competitor_eval', 10), event('data_export', 5)],
      renewalDate: addDays(AS_OF, 20),
    });
    const risk = assessChurnRisk(
      leadingIndicators(data, config),
      {
        tier: 'at-risk',
        renewalDate: data.renewalDate,
        contractTerm: 'annual',
        arrCents: 6_000_000,
        asOf: AS_OF,
      },
      config,
    );
    // competitor 3 + export 2 + at-risk 2 + renewal ≤ 30 days 3 + ARR ≥ 50k 1 = 11
    expect(risk.points).toBe(11);
    expect(risk.level).toBe('critical');
    expect(risk.likelyReason?.category).toBe('competition');
    expect(risk.savePlay?.title).toBe('Competitor threat');
    expect(risk.daysToRenewal).toBe(20);
  });

  it('is low with no indicators on a healthy account far from renewal', () => {
    const risk = assessChurnRisk(
      leadingIndicators(calm(), config),
      {
        tier: 'healthy',
        renewalDate: '2027-06-01',
        contractTerm: 'annual',
        arrCents: 10_000_000,
        asOf: AS_OF,
      },
      config,
    );
    expect(risk).toMatchObject({ level: 'low', points: 0, likelyReason: null, savePlay: null });
  });
});
