import { describe, expect, it } from 'vitest';
import { catchUpDays } from '../../jobs/daily-run.ts';
import { alertDelivery, alertRules } from '../../knowledge/alert-rules.ts';
import { engagementLevels } from '../../knowledge/engagement-levels.ts';
import { ruleEvidence } from '../../tools/alerts/alert-backtest.ts';
import { planDelivery, weekOf } from '../../tools/alerts/alert-budget.ts';
import {
  alertConditions,
  alertNeeds,
  checkAlertRules,
  onlyRules,
} from '../../tools/alerts/alert-conditions.ts';
import { alertTransitions, type LiveAlert } from '../../tools/alerts/alert-lifecycle.ts';
import type { AlertCondition, AlertInputs } from '../../tools/alerts/alert-types.ts';
import { ALERT_RULE_DECLARATIONS } from '../../tools/alerts/rules/index.ts';
import { localDateHour } from '../../tools/dates/local-time.ts';
import { engagementLevel } from '../../tools/health/engagement-level.ts';
import type { AccountRiskData } from '../../tools/risk/account-risk-data.ts';

const DAY = '2026-11-24';
const condition = (over: Partial<AlertCondition> = {}): AlertCondition => ({
  account_id: 'A1',
  rule: 'data_export',
  reason_key: '',
  severity: 'high',
  reason: 'Data export on 2026-11-20.',
  evidence: [{ input: 'data export', value: '1 export', as_of: '2026-11-20' }],
  inputs_key: '2026-11-20',
  since: '2026-11-20',
  ...over,
});
const live = (over: Partial<LiveAlert> = {}): LiveAlert => ({
  alert_id: 'AL-000001',
  account_id: 'A1',
  rule: 'data_export',
  reason_key: '',
  state: 'open',
  severity: 'high',
  reason: 'Data export on 2026-11-20.',
  inputs_key: '2026-11-20',
  snoozed_until: null,
  snooze_inputs: null,
  ...over,
});
const label = (r: string) => r;

describe('alert lifecycle', () => {
  it('raises a condition with no live alert, and leaves an unchanged one alone', () => {
    expect(alertTransitions(DAY, [condition()], [], label)).toEqual([
      { kind: 'raise', condition: condition() },
    ]);
    expect(alertTransitions(DAY, [condition()], [live()], label)).toEqual([]);
  });

  it('updates a live alert whose evidence changed instead of raising another', () => {
    const changed = condition({ reason: 'Two data exports.', inputs_key: '2026-11-20,2026-11-23' });
    expect(alertTransitions(DAY, [changed], [live()], label)).toEqual([
      { kind: 'update', alert: live(), condition: changed },
    ]);
  });

  it('resolves a live alert whose condition cleared, saying so', () => {
    expect(alertTransitions(DAY, [], [live()], label)).toEqual([
      { kind: 'resolve', alert: live(), why: 'data_export: no longer true on 2026-11-24' },
    ]);
  });

  it('keeps a snooze until the inputs change, and wakes it when they do', () => {
    const snoozed = live({ state: 'snoozed', snooze_inputs: '2026-11-20' });
    expect(
      alertTransitions(DAY, [condition({ reason: 'Data export, 4 days ago.' })], [snoozed], label),
    ).toEqual([
      { kind: 'update', alert: snoozed, condition: condition({ reason: 'Data export, 4 days ago.' }) },
    ]);
    const woke = alertTransitions(
      DAY,
      [condition({ inputs_key: '2026-11-20,2026-11-24' })],
      [snoozed],
      label,
    );
    expect(woke.map((t) => t.kind)).toEqual(['wake']);
  });

  it('wakes a snooze until a date on that date, not before', () => {
    const snoozed = live({ state: 'snoozed', snoozed_until: '2026-11-25' });
    expect(alertTransitions(DAY, [condition()], [snoozed], label)).toEqual([]);
    expect(alertTransitions('2026-11-25', [condition()], [snoozed], label).map((t) => t.kind)).toEqual([
      'wake',
    ]);
  });
});

describe('alert budget', () => {
  const pending = [
    { alert_id: 'a1', account_id: 'ACME', owner: 'priya', severity: 'low' as const },
    { alert_id: 'a2', account_id: 'ACME', owner: 'priya', severity: 'high' as const },
    { alert_id: 'b1', account_id: 'GLOBEX', owner: 'priya', severity: 'medium' as const },
    { alert_id: 'c1', account_id: 'HOOLI', owner: 'priya', severity: 'critical' as const },
    { alert_id: 'd1', account_id: 'POOL', owner: null, severity: 'high' as const },
  ];

  it('merges one account’s alerts into one DM, most severe first, and holds the rest over the cap', () => {
    const plan = planDelivery(pending, new Map([['priya', 6]]), () => 8, ['critical']);
    expect(plan.dms.map((d) => [d.account_id, d.alert_ids, d.severity])).toEqual([
      ['HOOLI', ['c1'], 'critical'],
      ['ACME', ['a1', 'a2'], 'high'],
    ]);
    expect(plan.digest).toEqual(['d1', 'b1']);
  });

  it('sends critical alerts over the cap', () => {
    const plan = planDelivery(pending, new Map([['priya', 8]]), () => 8, ['critical']);
    expect(plan.dms.map((d) => d.account_id)).toEqual(['HOOLI']);
    expect(plan.digest.sort()).toEqual(['a1', 'a2', 'b1', 'd1']);
  });

  it('counts weeks from Monday', () => {
    expect([weekOf('2026-11-23'), weekOf('2026-11-24'), weekOf('2026-11-29'), weekOf('2026-11-30')]).toEqual([
      '2026-11-23',
      '2026-11-23',
      '2026-11-23',
      '2026-11-30',
    ]);
  });
});

describe('scheduler days and local time', () => {
  it('catches up the missed days after the last run, at most the bound back', () => {
    expect(catchUpDays('2026-11-21', DAY, 7)).toEqual(['2026-11-22', '2026-11-23', DAY]);
    expect(catchUpDays(DAY, DAY, 7)).toEqual([]);
    expect(catchUpDays(null, DAY, 7)).toEqual([DAY]);
    expect(catchUpDays('2026-10-01', DAY, 2)).toEqual(['2026-11-22', '2026-11-23', DAY]);
  });

  it('reads the local date and hour of a time zone, UTC when unknown', () => {
    expect(localDateHour('2026-11-24T23:30:00.000Z', 'Asia/Tokyo')).toEqual({ date: '2026-11-25', hour: 8 });
    expect(localDateHour('2026-11-24T07:00:00.000Z', 'America/Los_Angeles')).toEqual({
      date: '2026-11-23',
      hour: 23,
    });
    expect(localDateHour('2026-11-24T07:00:00.000Z', 'Not/AZone')).toEqual({ date: DAY, hour: 7 });
  });
});

describe('alert rules', () => {
  it('defines every rule, and the delivery settings validate', () => {
    expect(Object.keys(checkAlertRules(alertRules()).rules).sort()).toEqual(
      [...ALERT_RULE_DECLARATIONS.keys()].sort(),
    );
    expect(alertDelivery().weekly_dm_budget.default).toBe(8);
  });

  const risk = (over: Partial<AccountRiskData> = {}): AccountRiskData => ({
    accountId: 'A1',
    segment: 'mid-market',
    seasonalMonths: [],
    asOf: DAY,
    usage: [],
    tickets30d: [],
    hasTouchpoints: true,
    lastProactiveTouch: `${DAY}T09:00:00.000Z`,
    lastExecTouch: null,
    contacts: [{ role: 'exec_sponsor', last_engaged_at: null, left_at: null }],
    goals: [],
    invoices: [],
    mrr: [],
    expansionSignals90d: 0,
    contractStart: '2025-01-01',
    renewalDate: null,
    contractTerm: 'annual',
    seatsPurchased: 10,
    events: [],
    tickets90d: [],
    feedback90d: [],
    earlyUsage: [],
    touchpoints180d: [],
    productUsage: [],
    signals: [],
    ...over,
  });
  const inputs = (over: Partial<AlertInputs> = {}): AlertInputs => ({
    day: DAY,
    account: { id: 'A1', name: 'Acme', csm: 'priya', arrCents: 3_000_000 },
    risk: risk(),
    indicators: [],
    onboarding: false,
    snapshot: { as_of: DAY, score: 48, tier: 'at-risk' },
    history: [
      { as_of: '2026-11-03', score: 72, tier: 'healthy' },
      { as_of: '2026-11-17', score: 66, tier: 'healthy' },
    ],
    savePlayOpen: false,
    engagement: { now: null, before: null },
    severeTickets: [],
    at: `${DAY}T18:00:00.000Z`,
    unanswered: [],
    ...over,
  });
  const rulesOf = (i: AlertInputs) => alertConditions(i, alertRules()).conditions.map((c) => c.rule);

  it('sees a tier drop and a 15-point fall in 7 days, with the dated snapshots as evidence', () => {
    const { conditions } = alertConditions(inputs(), alertRules());
    const drop = conditions.find((c) => c.rule === 'tier_dropped');
    expect(drop?.reason).toBe('Health dropped from healthy (72, 2026-11-03) to at-risk (48).');
    expect(drop?.reason_key).toBe('at-risk');
    expect(conditions.find((c) => c.rule === 'score_drop')?.reason).toBe(
      'Score fell 18 points in 7 days: 66 on 2026-11-17, 48 now.',
    );
  });

  it('mutes repeated at-risk alerts while a save play is open', () => {
    const result = alertConditions(inputs({ savePlayOpen: true }), alertRules());
    expect(result.conditions.map((c) => c.rule)).not.toContain('tier_dropped');
    expect(result.muted).toBe(2);
  });

  it('sees an engagement level drop with both windows as evidence; not a rise, not a ghost', () => {
    const config = engagementLevels();
    const level = (dauMean: number, breadth: number, to: string, lastActive: string = to) =>
      engagementLevel(
        { hasUsage: true, dauMean, mauMean: 100, featureBreadth: breadth, lastActive },
        to,
        config,
      );
    const regular = level(34, 0.45, '2026-10-27');
    const casual = level(18, 0.4, DAY);
    const drop = alertConditions(
      inputs({ engagement: { now: casual, before: regular } }),
      alertRules(),
    ).conditions.find((c) => c.rule === 'engagement_dropped');
    expect(drop).toMatchObject({
      severity: 'medium',
      reason:
        'Engagement fell from regular to casual (DAU/MAU 34 % → 18 %, features 45 % → 40 %): renewal odds 85–95 % → 60–80 %. Next: a re-engagement campaign.',
      inputs_key: 'regular>casual',
      since: DAY,
    });
    expect(drop?.evidence.map((e) => `${e.input}: ${e.value}`)).toEqual([
      'engagement 2026-09-30 to 2026-10-27: regular, DAU/MAU 34 %, features 45 %',
      'engagement 2026-10-28 to 2026-11-24: casual, DAU/MAU 18 %, features 40 %',
    ]);
    // Hovering at the boundary (30 % → 28 %, within the 5-point margin) is not news.
    const wobble = level(28, 0.45, DAY);
    expect(wobble?.level).toBe('casual');
    expect(rulesOf(inputs({ engagement: { now: wobble, before: regular } }))).not.toContain(
      'engagement_dropped',
    );
    expect(rulesOf(inputs({ engagement: { now: regular, before: casual } }))).not.toContain(
      'engagement_dropped',
    );
    expect(rulesOf(inputs({ engagement: { now: casual, before: null } }))).not.toContain(
      'engagement_dropped',
    );
    const ghost = level(0, 0, DAY, '2026-10-01');
    expect(ghost?.level).toBe('ghost');
    expect(rulesOf(inputs({ engagement: { now: ghost, before: regular } }))).not.toContain(
      'engagement_dropped',
    );
  });

  it('puts an account 45 days from renewal in the −45 step, high when it is at risk', () => {
    const c = alertConditions(
      inputs({ risk: risk({ renewalDate: '2027-01-08' }) }),
      alertRules(),
    ).conditions.find((x) => x.rule === 'renewal_step');
    expect(c?.reason_key).toBe('2027-01-08:-45');
    expect(c?.severity).toBe('high');
  });

  it('flags a renewal date that passed with no new term, not a monthly contract', () => {
    const passed = alertConditions(
      inputs({ risk: risk({ renewalDate: '2026-11-01' }) }),
      alertRules(),
    ).conditions.find((x) => x.rule === 'renewal_date_passed');
    expect(passed?.reason).toBe(
      'The renewal date 2026-11-01 passed 23 days ago with no new term recorded: record the renewal, or work the account as out of contract.',
    );
    expect(
      rulesOf(inputs({ risk: risk({ renewalDate: '2026-11-01', contractTerm: 'monthly' }) })),
    ).not.toContain('renewal_date_passed');
  });

  it('flags an NPS detractor until someone reaches out after it', () => {
    const nps = {
      feedback_id: 'FB-9',
      created_at: '2026-11-22T10:00:00.000Z',
      text: 'Too slow',
      source: 'nps',
      score: 4,
    };
    const before = risk({ feedback90d: [nps], lastProactiveTouch: '2026-11-20T10:00:00.000Z' });
    expect(rulesOf(inputs({ risk: before }))).toContain('nps_detractor');
    const after = risk({ feedback90d: [nps], lastProactiveTouch: '2026-11-23T10:00:00.000Z' });
    expect(rulesOf(inputs({ risk: after }))).not.toContain('nps_detractor');
  });

  it('flags a renewal within 60 days while a P1/P2 ticket has been open more than 7 days', () => {
    const ticket = (id: string, severity: string, opened: string) => ({
      ticket_id: id,
      severity,
      subject: `Outage ${id}`,
      opened_at: `${opened}T09:00:00.000Z`,
    });
    const renewing = risk({ renewalDate: '2027-01-10' });
    const severe = [ticket('T-2', 'p2', '2026-11-10'), ticket('T-1', 'p1', '2026-11-01')];
    const hit = alertConditions(
      inputs({ risk: renewing, severeTickets: severe }),
      alertRules(),
    ).conditions.find((c) => c.rule === 'renewal_severe_ticket');
    expect(hit).toEqual({
      account_id: 'A1',
      rule: 'renewal_severe_ticket',
      severity: 'high',
      reason_key: '2027-01-10',
      reason:
        'Renewal on 2027-01-10 (in 47 days) with 2 P1/P2 tickets open more than 7 days (oldest 23 days): resolve them or bring a dated fix plan to the renewal conversation.',
      evidence: [
        { input: 'renewal date', value: '2027-01-10', as_of: DAY },
        { input: 'open P1 ticket', value: 'T-1 "Outage T-1", open 23 days', as_of: '2026-11-01' },
        { input: 'open P2 ticket', value: 'T-2 "Outage T-2", open 14 days', as_of: '2026-11-10' },
      ],
      inputs_key: '2027-01-10:T-1,T-2',
      since: '2026-11-11',
    });
    // Not: a ticket open 7 days or less, a renewal more than 60 days out or past, a monthly term.
    const young = [ticket('T-3', 'p1', '2026-11-17')];
    expect(rulesOf(inputs({ risk: renewing, severeTickets: young }))).not.toContain('renewal_severe_ticket');
    const later = risk({ renewalDate: '2027-01-24' });
    expect(rulesOf(inputs({ risk: later, severeTickets: severe }))).not.toContain('renewal_severe_ticket');
    const passed = risk({ renewalDate: '2026-11-20' });
    expect(rulesOf(inputs({ risk: passed, severeTickets: severe }))).not.toContain('renewal_severe_ticket');
    const monthly = risk({ renewalDate: '2027-01-10', contractTerm: 'monthly' });
    expect(rulesOf(inputs({ risk: monthly, severeTickets: severe }))).not.toContain('renewal_severe_ticket');
    expect(rulesOf(inputs({ risk: renewing, severeTickets: [] }))).not.toContain('renewal_severe_ticket');
  });

  it('checks rules.json against the declarations: unknown rules, missing entries and bad parameters are named', () => {
    const rules = alertRules();
    const fail = (r: typeof rules) => {
      try {
        checkAlertRules(r);
        return null;
      } catch (e) {
        return (e as Error).message;
      }
    };
    const { nps_detractor: _gone, ...rest } = rules.rules;
    expect(fail({ ...rules, rules: rest })).toBe(
      'knowledge/alerts/rules.json: rules has no entry for the declared rule nps_detractor',
    );
    const extra = {
      ...rules.rules,
      made_up: { ...rules.rules.nps_detractor, params: {} },
    } as typeof rules.rules;
    expect(fail({ ...rules, rules: extra })).toBe(
      'knowledge/alerts/rules.json: rules.made_up has no declaration (tools/alerts/rules/)',
    );
    const wrong = {
      ...rules.rules,
      score_drop: { ...rules.rules.score_drop, params: { point: 10 } },
    } as typeof rules.rules;
    expect(fail({ ...rules, rules: wrong })).toMatch(
      /^knowledge\/alerts\/rules\.json: rules\.score_drop\.params /,
    );
    // What the day's run loads follows the enabled rules' declared needs.
    expect([...alertNeeds(rules)].sort()).toEqual([
      'engagement',
      'severe_tickets',
      'snapshots',
      'unanswered',
    ]);
    expect(alertNeeds(onlyRules(rules, ['customer_churn_intent'])).size).toBe(0);
    expect([...alertNeeds(onlyRules(rules, ['customer_unanswered']))]).toEqual(['unanswered']);
    const quiet = Object.fromEntries(
      Object.entries(rules.rules).map(([id, r]) => [
        id,
        { ...r, enabled: id !== 'renewal_severe_ticket' && r.enabled },
      ]),
    ) as typeof rules.rules;
    expect(alertNeeds({ ...rules, rules: quiet }).has('severe_tickets')).toBe(false);
  });

  it('holds our team to the response SLA of the segment on customer questions in their channel', () => {
    // mid-market: 8 hours.
    const asked = (hoursAgo: number) => ({
      channel_id: 'C1',
      ts: '1795496400.000100',
      at: new Date(Date.parse(`${DAY}T18:00:00.000Z`) - hoursAgo * 3_600_000).toISOString(),
      kind: 'question',
      quote: 'How do we export the audit log?',
    });
    expect(rulesOf(inputs({ unanswered: [asked(7)] }))).not.toContain('customer_unanswered');
    const late = alertConditions(inputs({ unanswered: [asked(9), asked(2)] }), alertRules()).conditions.find(
      (c) => c.rule === 'customer_unanswered',
    );
    expect(late?.reason).toMatch(
      /^1 customer question in their channel unanswered past the 8-hour response SLA \(the oldest waiting 9 hours\)/,
    );
    expect([late?.severity, late?.evidence.length, late?.inputs_key]).toEqual([
      'high',
      1,
      'C1:1795496400.000100',
    ]);
  });

  it('applies onboarding rules only in the onboarding window, and mature ones only after it', () => {
    const failing = risk({
      renewalDate: '2027-01-08',
      events: [{ type: 'integration_failed', at: '2026-11-20T10:00:00Z', details: null }],
    });
    const indicators = [
      {
        id: 'integration_failed' as const,
        label: 'Onboarding: integration failed',
        fired: true,
        evidence: ['2026-11-20: integration failed'],
        category: 'product' as const,
        weight: 2,
        leadTime: 'first 90 days',
        since: '2026-11-20',
        inputs: ['2026-11-20'],
      },
    ];
    expect(rulesOf(inputs({ risk: failing, indicators, onboarding: true }))).toContain(
      'onboarding_integration_failed',
    );
    expect(rulesOf(inputs({ risk: failing, indicators, onboarding: true }))).not.toContain('renewal_step');
    expect(rulesOf(inputs({ risk: failing, indicators, onboarding: false }))).not.toContain(
      'onboarding_integration_failed',
    );
  });
});

describe('alert backtest figures', () => {
  it('computes precision and lift against the base rate, and per-CSM-week volume', () => {
    const alerts = [
      { rule: 'r1', account_id: 'A', owner: 'p', day: '2026-06-01' },
      { rule: 'r1', account_id: 'B', owner: 'p', day: '2026-06-01' },
      { rule: 'r1', account_id: 'C', owner: null, day: '2026-11-20' },
    ];
    const { rules, base_rate } = ruleEvidence({
      rules: [{ id: 'r1', label: 'Rule one' }],
      alerts,
      outcome: (a) => (a.day === '2026-11-20' ? null : a.account_id === 'A'),
      base: { judged: 100, hits: 10 },
      csmWeeks: 4,
      notUseful: new Map([['r1', { raised: 3, not_useful: 1 }]]),
    });
    expect(base_rate).toBe(0.1);
    expect(rules[0]).toEqual({
      rule: 'r1',
      label: 'Rule one',
      raised: 3,
      per_csm_week: 0.5,
      judged: 2,
      hits: 1,
      precision: 0.5,
      lift: 5,
      not_useful: 1,
      live_raised: 3,
      not_useful_rate: 0.333,
    });
  });
});
