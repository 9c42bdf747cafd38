import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DEMO_TABLES, DemoTables } from '../../demo/generate-portfolio.ts';
import { generatePortfolio } from '../../demo/generate-portfolio.ts';
import { demoPortfolio } from '../../demo/playbook-cases.ts';
import { loadDemoVocabulary } from '../../knowledge/demo-vocabulary.ts';
import { EVENT_TYPES } from '../../store/import/kinds.ts';

const vocab = loadDemoVocabulary();
const AS_OF = '2026-11-24';
const demo = demoPortfolio({ accounts: 200, seed: 42, asOf: AS_OF }, vocab);

function objects(tables: DemoTables, name: keyof typeof DEMO_TABLES): Record<string, unknown>[] {
  const { columns, rows } = tables[name];
  return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
}
const accounts = objects(demo, 'accounts');
const byName = (name: string) => accounts.find((a) => a.name === name) as Record<string, unknown>;

/** MRR movements per METRICS.md §2, computed here independently of the product code. */
function movementKinds(tables: DemoTables): Set<string> {
  const series = new Map<string, Map<string, number>>();
  for (const r of objects(tables, 'revenue')) {
    const m = series.get(r.account_id as string) ?? new Map<string, number>();
    m.set((r.month as string).slice(0, 7), r.mrr_cents as number);
    series.set(r.account_id as string, m);
  }
  const months = [...new Set(objects(tables, 'revenue').map((r) => (r.month as string).slice(0, 7)))].sort();
  const kinds = new Set<string>();
  for (const m of series.values()) {
    let ever = (m.get(months[0] as string) ?? 0) > 0;
    for (let i = 1; i < months.length; i++) {
      const prev = m.get(months[i - 1] as string) ?? 0;
      const cur = m.get(months[i] as string) ?? 0;
      if (prev === 0 && cur > 0) kinds.add(ever ? 'reactivation' : 'new');
      if (prev > 0 && cur > prev) kinds.add('expansion');
      if (prev > 0 && cur > 0 && cur < prev) kinds.add('contraction');
      if (prev > 0 && cur === 0) kinds.add('churn');
      if (cur > 0) ever = true;
    }
  }
  return kinds;
}

describe('demo portfolio generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    expect(demoPortfolio({ accounts: 200, seed: 42, asOf: AS_OF }, vocab)).toEqual(demo);
    const other = demoPortfolio({ accounts: 200, seed: 43, asOf: AS_OF }, vocab);
    expect(other.revenue.rows).not.toEqual(demo.revenue.rows);
  });

  it('has 24 months of revenue ending the month before as-of, with every kind of MRR movement', () => {
    const months = [...new Set(objects(demo, 'revenue').map((r) => r.month as string))].sort();
    expect(months.length).toBe(24);
    expect(months[0]).toBe('2024-11-01');
    expect(months.at(-1)).toBe('2026-10-01');
    expect([...movementKinds(demo)].sort()).toEqual([
      'churn',
      'contraction',
      'expansion',
      'new',
      'reactivation',
    ]);
  });

  it('mixes segments, terms and statuses realistically', () => {
    const count = (key: string, value: unknown) => accounts.filter((a) => a[key] === value).length;
    expect(accounts.length).toBe(200);
    for (const segment of ['enterprise', 'mid-market', 'smb', 'self-serve'])
      expect(count('segment', segment)).toBeGreaterThan(10);
    expect(count('status', 'churned')).toBeGreaterThan(15);
    expect(count('status', 'churned')).toBeLessThan(60);
    expect(count('contract_term', 'monthly')).toBeGreaterThan(20);
    expect(accounts.filter((a) => (a.seasonal_months as number[]).length > 0).length).toBeGreaterThan(2);
    expect(new Set(accounts.map((a) => a.name)).size).toBe(200);
  });

  it('emits every event type of the data model, with leading indicators before most churns but not all', () => {
    const events = objects(demo, 'events');
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(EVENT_TYPES));
    const churned = accounts.filter((a) => a.status === 'churned');
    const withIndicators = churned.filter((a) =>
      events.some(
        (e) =>
          e.account_id === a.account_id &&
          ['competitor_eval', 'data_export', 'billing_page_visit', 'seats_removed', 'champion_left'].includes(
            e.type as string,
          ) &&
          (e.at as string) <= `${a.churned_at}T23:59:59Z`,
      ),
    );
    // Churn follows a decline that usually throws off risk signals; a few accounts leave without warning.
    expect(withIndicators.length / churned.length).toBeGreaterThan(0.5);
    expect(withIndicators.length).toBeLessThan(churned.length);
  });

  it('shows usage declining in the weeks before a churn, far more than in accounts that stay, and some dips recovering', () => {
    const usage = objects(demo, 'usage');
    const seriesOf = (status: string) =>
      accounts
        .filter((a) => a.status === status && !(a.seasonal_months as number[]).length)
        .map((a) => usage.filter((u) => u.account_id === a.account_id).map((u) => u.mau as number))
        .filter((series) => series.length >= 20);
    const sum = (xs: number[]) => xs.reduce((s, v) => s + v, 0);
    const lastVsEarlier = (series: number[]) => sum(series.slice(-4)) / sum(series.slice(-20, -16));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
    const churned = seriesOf('churned').map(lastVsEarlier);
    const active = seriesOf('active').map(lastVsEarlier);
    expect(churned.length).toBeGreaterThan(5);
    expect(median(churned)).toBeLessThan(0.85);
    expect(median(churned)).toBeLessThan(median(active) - 0.15);
    // Declines are not a death sentence: accounts still active today went through a dip of a third or more.
    const dipped = seriesOf('active').filter((series) =>
      series.some(
        (_, i) => i >= 8 && sum(series.slice(i - 4, i)) < (2 / 3) * sum(series.slice(i - 8, i - 4)),
      ),
    );
    expect(dipped.length).toBeGreaterThan(3);
  });

  it('scripts the featured accounts so every command has a story', () => {
    expect(byName('Acme Corp')).toMatchObject({
      segment: 'enterprise',
      status: 'active',
      renewal_date: '2027-01-08',
    });
    expect(byName('Hooli')).toMatchObject({ renewal_date: '2026-12-14', status: 'active' });
    expect(byName('Umbrella Health')).toMatchObject({ status: 'churned', churn_reason: 'competitor' });
    expect(byName('Tyrell Systems')).toMatchObject({ seasonal_months: [6, 7, 8] });
    const globex = byName('Globex').account_id;
    const champion = objects(demo, 'contacts').find((c) => c.account_id === globex && c.role === 'champion');
    expect(champion?.left_at).toBe('2026-11-03');
    const globexTickets = objects(demo, 'tickets').filter(
      (t) => t.account_id === globex && (t.opened_at as string) >= '2026-10-24',
    );
    expect(
      globexTickets.filter((t) => t.severity === 'p1' || t.severity === 'p2').length,
    ).toBeGreaterThanOrEqual(4);
    const soylent = byName('Soylent Foods').account_id;
    expect(
      objects(demo, 'events')
        .filter((e) => e.account_id === soylent)
        .map((e) => e.type)
        .sort(),
    ).toEqual(['integration_failed', 'kickoff_delayed']);
    expect(objects(demo, 'goals').some((g) => g.account_id === byName('Hooli').account_id)).toBe(false);
  });

  it('writes feedback with the same request phrased differently by several accounts', () => {
    const feedback = objects(demo, 'feedback');
    const clusters = new Map<string, Set<unknown>>();
    for (const f of feedback) {
      const cluster = (f.attributes as { demo_cluster: string }).demo_cluster;
      clusters.set(cluster, (clusters.get(cluster) ?? new Set()).add(f.account_id));
    }
    const shared = [...clusters.values()].filter((accountsWithIt) => accountsWithIt.size >= 3);
    expect(shared.length).toBeGreaterThan(5);
    const sso = feedback.filter((f) => (f.attributes as { demo_cluster: string }).demo_cluster === 'sso');
    expect(new Set(sso.map((f) => f.text)).size).toBeGreaterThan(1);
    expect(
      feedback.every((f) => f.score === null || ((f.score as number) >= 0 && (f.score as number) <= 10)),
    ).toBe(true);
  });
});

describe('the demo is the same for a seed, whatever its code looks like', () => {
  const fingerprint = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
  // Many tests assert figures this generator produces: a refactor that changes one row changes these.
  it.each([
    [
      200,
      42,
      '2026-11-24',
      '37aacad71422e72ea0a5784ccde005f8bb4b38e95466dfea53ee815ea52e3c02',
      '53e6f22d8aece476654a909a05ce384153bff559b1f44ef69333d16a7bde68c8',
    ],
    [
      60,
      7,
      '2025-03-01',
      '0971a4cd43b982793a0e540b9fa748278f4ae494087598ce8a44c20af3680263',
      '33dc35a5824aac46a8ec3de5e0adbebe38efd932cdc407f3c6c949e00c6aed0a',
    ],
    [
      1000,
      42,
      '2026-11-24',
      '3ace92acca61f524f124a9e2c6569917c9c3e837ebf10b6a2d5477c7c1d443bf',
      '6cc83e60504301a3ef924542324a8e4ec987d476d723c2f7d251cbde8ba893cc',
    ],
  ] as const)(
    '%i accounts, seed %i, as of %s: every row of every table',
    (accounts, seed, asOf, generated, withCases) => {
      expect(fingerprint(generatePortfolio({ accounts, seed, asOf }, vocab))).toBe(generated);
      expect(fingerprint(demoPortfolio({ accounts, seed, asOf }, vocab))).toBe(withCases);
    },
  );
});
