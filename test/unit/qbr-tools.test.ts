import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/calendar.ts';
import { expansionConfig } from '../../knowledge/expansion-config.ts';
import { QbrPlaybook, qbrPlaybook } from '../../knowledge/qbr-playbook.ts';
import { expansionRecommendations } from '../../tools/expansion/expansion-recommendations.ts';
import { expansionSignals } from '../../tools/expansion/expansion-signals.ts';
import { seatExpansion } from '../../tools/expansion/seat-expansion.ts';
import { type QbrChecklistFacts, qbrChecklist } from '../../tools/plans/qbr-checklist.ts';
import { qbrFollowUpEmail } from '../../tools/plans/qbr-follow-up.ts';
import { type UsagePoint, usageSummary } from '../../tools/plans/usage-summary.ts';
import { ungroundedFigures } from '../../tools/text/figures.ts';
import { fillTemplate } from '../../tools/text/fill-template.ts';
import { AS_OF, calm } from '../helpers/risk-fixtures.ts';

const playbook = qbrPlaybook();

/** Weekly usage rows over 13 weeks ending on AS_OF, core actions from `core(week)`. */
function weeks(core: (week: number) => number): UsagePoint[] {
  return Array.from({ length: 13 }, (_, k) => ({
    date: addDays(AS_OF, -7 * (12 - k)),
    dau: 20,
    wau: 50 + k,
    mau: 80,
    seats_active: 60 + k,
    core_actions: core(k),
    features_used: 8,
    features_total: 20,
  }));
}

describe('QBR usage summary', () => {
  it('compares the last 30 days with the first 30 of the window', () => {
    const s = usageSummary(
      weeks((k) => 100 + 10 * k),
      AS_OF,
      90,
    );
    // First 30 days: weeks 0–3 (100..130 → 115); last 30 days: weeks 8–12 (180..220 → 200): +74%.
    expect(s).toMatchObject({
      rows: 13,
      core_actions_first_30d: 115,
      core_actions_last_30d: 200,
      trend_percent: 74,
      trend: 'growing',
      avg_weekly_active_users: 56,
      stickiness: 0.25,
      latest_seats_active: 72,
      latest_features_used: 8,
      features_total: 20,
    });
    expect(s.core_actions_total).toBe(
      Array.from({ length: 13 }, (_, k) => 100 + 10 * k).reduce((a, b) => a + b),
    );
  });

  it('calls ±10% flat, a fall declining, and no data unknown', () => {
    expect(
      usageSummary(
        weeks(() => 100),
        AS_OF,
        90,
      ).trend,
    ).toBe('flat');
    expect(
      usageSummary(
        weeks((k) => 300 - 20 * k),
        AS_OF,
        90,
      ).trend,
    ).toBe('declining');
    const none = usageSummary([], AS_OF, 90);
    expect(none).toMatchObject({
      rows: 0,
      trend: 'unknown',
      trend_percent: null,
      avg_weekly_active_users: null,
    });
  });

  it('ignores rows outside the window', () => {
    const rows = [...weeks(() => 100), { ...weeks(() => 1)[0], date: addDays(AS_OF, -200) } as UsagePoint];
    expect(usageSummary(rows, AS_OF, 90).rows).toBe(13);
  });
});

describe('QBR expansion recommendations', () => {
  const config = expansionConfig();
  it('sizes a seat expansion from ARR ÷ seats and shows the arithmetic', () => {
    const data = calm({ seatsPurchased: 100, usage: calm().usage.map((u) => ({ ...u, mau: 90 })) });
    const seats = seatExpansion(data, 12_000_000);
    const recs = expansionRecommendations(
      expansionSignals(data, 75, config),
      seats,
      12_000_000,
      playbook.expansion_sizing,
      2,
    );
    expect(recs[0]).toMatchObject({ play: 'seat_expansion', addedArrCents: 29 * 120_000, assumption: null });
    // 90 used ÷ 70% = 128.6 → 129 seats: 29 to add at $1,200 a seat.
    expect(recs[0]?.arithmetic).toBe(
      '90 of 100 seats in use; 29 more seats bring use back to 70%: 29 × $1,200 per seat (ARR ÷ seats) = $34,800 ARR',
    );
  });

  it('sizes a tier upgrade with the knowledge assumption, keeps at most the maximum, hottest first', () => {
    const data = calm({
      seatsPurchased: 100,
      usage: calm().usage.map((u) => ({ ...u, mau: 90 })),
      events: [
        { type: 'usage_limit_hit', at: `${addDays(AS_OF, -10)}T09:00:00Z`, details: null },
        { type: 'funding_round', at: `${addDays(AS_OF, -20)}T09:00:00Z`, details: null },
      ],
    });
    const recs = expansionRecommendations(
      expansionSignals(data, 75, config),
      seatExpansion(data, 12_000_000),
      12_000_000,
      playbook.expansion_sizing,
      2,
    );
    expect(recs.map((r) => r.play)).toEqual(['tier_upgrade', 'seat_expansion']);
    expect(recs[0]).toMatchObject({
      addedArrCents: 3_600_000,
      arithmetic: '$120,000 ARR × 30% ≈ $36,000 ARR',
      assumption: playbook.expansion_sizing.tier_upgrade.assumption,
    });
  });

  it('recommends nothing without a signal', () => {
    const data = calm({ seatsPurchased: 1000 });
    expect(
      expansionRecommendations(
        expansionSignals(data, 50, config),
        seatExpansion(data, 1_000_000),
        1_000_000,
        playbook.expansion_sizing,
        2,
      ),
    ).toEqual([]);
  });
});

describe('QBR checklist', () => {
  const ready: QbrChecklistFacts = {
    asOf: AS_OF,
    latestUsageDate: addDays(AS_OF, -1),
    usageFreshWithinDays: 7,
    latestSnapshot: AS_OF,
    goals: { total: 3, overdue: 0 },
    openP1P2: 0,
    champion: 'Ana Ruiz',
    execSponsor: 'Omar Lee',
    lastExecTouch: `${addDays(AS_OF, -30)}T10:00:00Z`,
    recommendations: 1,
    lastQbr: `${addDays(AS_OF, -90)}T10:00:00Z`,
    lastQbrWithinDays: 120,
  };
  it('ticks every item when the data shows it done', () => {
    expect(qbrChecklist(ready).every((c) => c.done)).toBe(true);
  });
  it('leaves items open, saying what is missing', () => {
    const items = qbrChecklist({
      ...ready,
      latestUsageDate: addDays(AS_OF, -20),
      latestSnapshot: null,
      goals: { total: 2, overdue: 1 },
      openP1P2: 2,
      execSponsor: null,
      lastQbr: null,
    });
    const open = Object.fromEntries(items.filter((c) => !c.done).map((c) => [c.item, c.evidence]));
    expect(open).toEqual({
      'Pull the 90-day usage report': `usage data up to ${addDays(AS_OF, -20)}`,
      'Review the health score and what moved it': 'no health snapshot stored: run cse score --all',
      'Goal statuses up to date (none past due and still open)': '1 goal past due and still open',
      'P1/P2 tickets resolved or with a plan before the meeting': '2 open P1/P2 tickets',
      'Exec sponsor invited and engaged in the last 90 days': 'no exec sponsor on record',
      'Previous QBR held within 120 days': 'no QBR on record',
    });
  });
});

describe('QBR follow-up email', () => {
  const facts = {
    account: 'Initech',
    greeting: 'Ben',
    csm: 'Elena Moreau',
    goalsAchieved: 1,
    goalsTotal: 4,
    achievedObjectives: ['Increase weekly active users'],
    usageWindowDays: 90,
    usageLine: '397 weekly active users on average; core actions down 11%',
    openTickets: [
      { severity: 'p2', subject: 'Export fails', ticket_id: 'T-1' },
      { severity: 'p2', subject: 'Export fails', ticket_id: 'T-2' },
    ],
    recommendations: [{ title: 'Seat expansion', arithmetic: '29 × $1,200 per seat = $34,800 ARR' }],
    followUpDue: '2026-11-26',
  };
  it('fills every figure from the facts and nothing else', () => {
    const email = qbrFollowUpEmail(facts, playbook.follow_up_email);
    expect(email.subject).toBe('Initech: our quarterly review and next steps');
    expect(email.body).toContain(
      '- Goals: 1 of 4 success-plan goals achieved (Increase weekly active users).',
    );
    expect(email.body).toContain('- Open items we are resolving: P2 Export fails.');
    expect(email.body).toContain('- For discussion: seat expansion: 29 × $1,200 per seat = $34,800 ARR.');
    expect(email.body).toContain('by 2026-11-26');
    expect(email.body).not.toMatch(/\{[a-z_]+\}/);
    expect(ungroundedFigures(email.body, facts)).toEqual([]);
  });
  it('a grounding check catches a figure that is not in the facts', () => {
    const email = qbrFollowUpEmail(facts, playbook.follow_up_email);
    expect(ungroundedFigures(`${email.body}\nYou saved $50,000 and 12% of your time.`, facts)).toEqual([
      '$50000',
      '12%',
    ]);
  });
  it('refuses a template placeholder without a value', () => {
    expect(() => fillTemplate('Hi {first_name}', {})).toThrow(
      'template placeholder {first_name} has no value',
    );
  });
});

describe('QBR playbook knowledge', () => {
  it('holds a 60-minute agenda with every section, and rejects one that is not', () => {
    expect(playbook.agenda.reduce((s, a) => s + a.minutes, 0)).toBe(60);
    const longer = {
      ...playbook,
      agenda: playbook.agenda.map((a, k) => (k === 0 ? { ...a, minutes: 10 } : a)),
    };
    expect(QbrPlaybook.safeParse(longer).error?.issues[0]?.message).toBe('agenda minutes must sum to 60');
  });
});
