import { describe, expect, it } from 'vitest';
import { addDays } from '../../core/calendar.ts';
import { SeededRandom } from '../../core/random.ts';
import { healthModel, weightsFor } from '../../knowledge/health-model.ts';
import type { AccountHealthData } from '../../tools/health/account-health-data.ts';
import { bandOf, bandScore, trendScore } from '../../tools/health/band-score.ts';
import { healthScore, tierFor } from '../../tools/health/health-score.ts';

const model = healthModel();
const AS_OF = '2026-11-24';

/** A healthy-ish account with eight weeks of weekly usage; tweak fields per test. */
function account(
  overrides: Partial<AccountHealthData> = {},
  usage: {
    recent?: Partial<AccountHealthData['usage'][number]>;
    prior?: Partial<AccountHealthData['usage'][number]>;
  } = {},
): AccountHealthData {
  const row = (date: string, extra: Partial<AccountHealthData['usage'][number]> = {}) => ({
    date,
    dau: 40,
    wau: 80,
    mau: 100,
    core_actions: 1000,
    features_used: 10,
    features_total: 20,
    ...extra,
  });
  return {
    accountId: 'A1',
    segment: 'mid-market',
    seasonalMonths: [],
    asOf: AS_OF,
    usage: [
      ...[49, 42, 35, 28].map((d) => row(addDays(AS_OF, -d), usage.prior)),
      ...[21, 14, 7, 0].map((d) => row(addDays(AS_OF, -d), usage.recent)),
    ],
    tickets30d: [],
    hasTouchpoints: true,
    lastProactiveTouch: addDays(AS_OF, -20),
    lastExecTouch: addDays(AS_OF, -60),
    contacts: [
      { role: 'champion', last_engaged_at: addDays(AS_OF, -10), left_at: null },
      { role: 'exec_sponsor', last_engaged_at: addDays(AS_OF, -40), left_at: null },
    ],
    goals: [
      { status: 'achieved', due: null },
      { status: 'in_progress', due: null },
    ],
    invoices: [{ due_at: addDays(AS_OF, -40), paid_at: addDays(AS_OF, -38), status: 'paid' }],
    mrr: [
      { month: '2026-07', cents: 100_000 },
      { month: '2026-10', cents: 100_000 },
    ],
    expansionSignals90d: 0,
    ...overrides,
  };
}

describe('band functions', () => {
  const bands = [
    model.bands.dau_mau,
    model.bands.feature_breadth,
    model.bands.ticket_load_30d,
    model.bands.days_since_proactive_touch,
    model.bands.days_since_exec_touch,
  ];
  it('score a value inside a band inside that band’s range, and a better value never lower', () => {
    const rng = new SeededRandom(11);
    for (const band of bands) {
      const better = (a: number, b: number) => (band.direction === 'higher_is_better' ? a > b : a < b);
      for (let i = 0; i < 500; i++) {
        const v = rng.between(0, band.top * 1.3);
        const s = bandScore(v, band);
        const expected =
          band.direction === 'higher_is_better'
            ? v < band.low
              ? 'poor'
              : v <= band.high
                ? 'fair'
                : 'good'
            : v < band.low
              ? 'good'
              : v <= band.high
                ? 'fair'
                : 'poor';
        expect(bandOf(s), `value ${v}`).toBe(expected);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(10);
        const w = rng.between(0, band.top * 1.3);
        if (better(w, v)) expect(bandScore(w, band)).toBeGreaterThanOrEqual(s);
      }
    }
  });

  it('reads a trend as declining, flat or growing', () => {
    const t = model.bands.trend;
    expect(bandOf(trendScore(0.6, t))).toBe('poor');
    expect(bandOf(trendScore(1.0, t))).toBe('fair');
    expect(bandOf(trendScore(1.3, t))).toBe('good');
    expect(trendScore(0.4, t)).toBe(0);
    expect(trendScore(2, t)).toBe(10);
  });
});

describe('health score', () => {
  it('weights dimensions by segment into 0–100 and tiers at 80/60/40', () => {
    const h = healthScore(account(), model);
    const w = weightsFor(model, 'mid-market');
    const expected = Math.round(
      ((Object.keys(w) as (keyof typeof w)[]).reduce(
        (s, d) => s + w[d] * (h.dimensions[d].score as number),
        0,
      ) /
        Object.values(w).reduce((a, b) => a + b, 0)) *
        10,
    );
    expect(h.score).toBe(expected);
    expect(h.tier).toBe(tierFor(h.score as number, model));
    expect([
      tierFor(80, model),
      tierFor(79, model),
      tierFor(60, model),
      tierFor(59, model),
      tierFor(40, model),
      tierFor(39, model),
    ]).toEqual(['thriving', 'healthy', 'healthy', 'at-risk', 'at-risk', 'critical']);
  });

  it('leaves out a dimension with no data, renormalises, and says what was missing', () => {
    const h = healthScore(account({ goals: [] }), model);
    expect(h.dimensions.outcomes.score).toBeNull();
    expect(h.missing).toContain('outcomes');
    const w = weightsFor(model, 'mid-market');
    const present = (['product_usage', 'engagement', 'relationship', 'financial'] as const).reduce(
      (s, d) => s + w[d] * (h.dimensions[d].score as number),
      0,
    );
    expect(h.score).toBe(
      Math.round((present / (w.product_usage + w.engagement + w.relationship + w.financial)) * 10),
    );
    expect(h.missing).toContain('engagement.community_activity');
  });

  it('never lowers the score when one input improves (random accounts, one input at a time)', () => {
    const rng = new SeededRandom(5);
    for (let i = 0; i < 200; i++) {
      const base = account(
        {
          tickets30d: Array.from({ length: rng.int(0, 8) }, () => ({
            severity: rng.pick(['p1', 'p2', 'p3', 'p4']),
            opened_at: `${AS_OF}T10:00:00Z`,
          })),
          lastProactiveTouch: addDays(AS_OF, -rng.int(0, 200)),
          expansionSignals90d: rng.int(0, 3),
          mrr: [
            { month: '2026-07', cents: 100_000 },
            { month: '2026-10', cents: rng.int(60_000, 160_000) },
          ],
        },
        {
          recent: {
            dau: rng.int(5, 90),
            core_actions: rng.int(200, 2000),
            wau: rng.int(20, 100),
            features_used: rng.int(1, 20),
          },
        },
      );
      const before = healthScore(base, model).score;
      const improved: AccountHealthData[] = [
        { ...base, tickets30d: base.tickets30d.slice(1) },
        {
          ...base,
          lastProactiveTouch: [
            addDays(base.lastProactiveTouch as string, rng.int(1, 60)),
            AS_OF,
          ].sort()[0] as string,
        },
        { ...base, expansionSignals90d: base.expansionSignals90d + 1 },
        {
          ...base,
          usage: base.usage.map((u, k) =>
            k >= 4 ? { ...u, dau: Math.min(100, (u.dau ?? 0) + rng.int(1, 20)) } : u,
          ),
        },
        {
          ...base,
          usage: base.usage.map((u, k) =>
            k >= 4 ? { ...u, core_actions: (u.core_actions ?? 0) + rng.int(1, 500) } : u,
          ),
        },
        {
          ...base,
          mrr: [
            base.mrr[0] as { month: string; cents: number },
            { month: '2026-10', cents: (base.mrr[1]?.cents ?? 0) + rng.int(1, 50_000) },
          ],
        },
        { ...base, goals: base.goals.map((g) => ({ ...g, status: 'achieved' })) },
      ];
      expect(before).not.toBeNull();
      for (const better of improved)
        expect(healthScore(better, model).score).toBeGreaterThanOrEqual(before as number);
    }
  });

  it('does not count a dip in a seasonal month as a usage decline', () => {
    const dip = { recent: { core_actions: 500, wau: 40 } };
    const normal = healthScore(account({}, dip), model);
    const seasonal = healthScore(account({ seasonalMonths: [11] }, dip), model);
    expect(normal.dimensions.product_usage.inputs.find((i) => i.name === 'core_action_trend')?.score).toBe(0);
    const trend = seasonal.dimensions.product_usage.inputs.find((i) => i.name === 'core_action_trend');
    expect(trend?.score).toBe(5);
    expect(trend?.detail).toContain('seasonal month: not counted as a decline');
    expect(seasonal.score).toBeGreaterThan(normal.score as number);
  });

  it('explains each dimension in words with its inputs and dates', () => {
    const h = healthScore(
      account(
        {
          tickets30d: [
            { severity: 'p2', opened_at: '2026-11-20T10:00:00Z' },
            { severity: 'p2', opened_at: '2026-11-21T10:00:00Z' },
            { severity: 'p1', opened_at: '2026-11-22T10:00:00Z' },
          ],
          contacts: [{ role: 'user', last_engaged_at: '2026-11-01', left_at: null }],
        },
        { recent: { wau: 50 } },
      ),
      model,
    );
    expect(h.dimensions.engagement.reason).toContain(
      'logins (weekly active users) down 37% vs prior 4 weeks',
    );
    expect(h.dimensions.engagement.reason).toContain('1 P1, 2 P2 tickets in 30 days');
    expect(h.dimensions.relationship).toMatchObject({
      score: 1.6,
      reason: expect.stringContaining('no champion; 1 engaged contact in 90 days'),
    });
    expect(bandOf(h.dimensions.relationship.score as number)).toBe('poor');
    expect(h.dimensions.engagement.inputs.find((i) => i.name === 'ticket_load_30d')?.as_of).toBe(
      '2026-11-22',
    );
  });

  it('marks late or failed payments as poor financial health', () => {
    const late = healthScore(
      account({ invoices: [{ due_at: '2026-10-01', paid_at: '2026-10-30', status: 'paid' }] }),
      model,
    );
    expect(late.dimensions.financial.score).toBe(3);
    expect(late.dimensions.financial.reason).toContain('1 invoice late or failed in 180 days');
    const growing = healthScore(
      account({
        mrr: [
          { month: '2026-07', cents: 100_000 },
          { month: '2026-10', cents: 150_000 },
        ],
      }),
      model,
    );
    expect(growing.dimensions.financial.score).toBe(10);
  });
});

describe('a score only when there is evidence for it', () => {
  const bare: Partial<AccountHealthData> = {
    usage: [],
    tickets30d: [],
    hasTouchpoints: false,
    lastProactiveTouch: null,
    lastExecTouch: null,
    contacts: [],
    goals: [],
    invoices: [],
    mrr: [],
  };

  it('does not score an account known only from the accounts file: no tickets alone is not engagement', () => {
    const h = healthScore(account(bare), model);
    expect(h.score).toBeNull();
    expect(h.tier).toBe('unscored');
    expect(h.coverage).toBe(0);
    expect(h.dimensions.engagement.score).toBeNull();
    expect(h.dimensions.engagement.reason).toContain('no tickets alone is not evidence of engagement');
    // Every dimension is listed with what would supply it, largest share of the weight first.
    expect(h.evidenceNeeded.map((e) => [e.dimension, e.weight_share])).toEqual([
      ['product_usage', 0.3],
      ['engagement', 0.2],
      ['outcomes', 0.2],
      ['relationship', 0.15],
      ['financial', 0.15],
    ]);
    expect(h.evidenceNeeded[0]?.supply).toContain('cse import usage');
  });

  it('needs 60 % of the weight: usage alone (product usage and the login trend, 50 %) is not enough; with contacts (65 %) it is', () => {
    const usageOnly = healthScore(account({ ...bare, usage: account().usage }), model);
    expect(usageOnly.coverage).toBeCloseTo(0.5, 10);
    expect(usageOnly.score).toBeNull();
    const withContacts = healthScore(
      account({ ...bare, usage: account().usage, contacts: account().contacts }),
      model,
    );
    expect(withContacts.coverage).toBeCloseTo(0.65, 10);
    expect(withContacts.score).not.toBeNull();
    expect(withContacts.tier).toBe(tierFor(withContacts.score as number, model));
    expect(withContacts.evidenceNeeded.map((e) => e.dimension)).toEqual(['outcomes', 'financial']);
  });

  it('counts tickets as engagement evidence when there are some', () => {
    const h = healthScore(
      account({
        ...bare,
        tickets30d: [{ severity: 'p1', opened_at: `${addDays(AS_OF, -3)}T10:00:00.000Z` }],
      }),
      model,
    );
    expect(h.dimensions.engagement.score).not.toBeNull();
    expect(h.coverage).toBeCloseTo(0.2, 10);
    expect(h.tier).toBe('unscored');
  });
});
