import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../commands/router.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const TODAY = '2026-11-24';

/**
 * The accounts command against SQL written here, independently of its code: the same accounts,
 * in the same order, with the same count. Tier and score are the latest snapshot on or before
 * the day (else the imported tier); ARR is 12 × the latest revenue month's MRR, else the declared ARR.
 */
const BASE = `
  WITH month AS (SELECT max(month) AS m FROM revenue WHERE month <= $1::date),
  base AS (
    SELECT a.account_id, a.name, a.segment, a.csm, a.renewal_date,
           COALESCE(hs.tier, NULLIF(a.attributes->>'health_tier', '')) AS tier, hs.score,
           CASE WHEN EXISTS (SELECT 1 FROM revenue r WHERE r.account_id = a.account_id AND r.month <= (SELECT m FROM month))
                THEN 12 * COALESCE((SELECT r.mrr_cents FROM revenue r WHERE r.account_id = a.account_id AND r.month = (SELECT m FROM month)), 0)
                ELSE COALESCE(a.arr_cents, 0) END AS arr_cents
      FROM accounts a
      LEFT JOIN LATERAL (SELECT s.tier, s.score FROM health_snapshots s WHERE s.account_id = a.account_id AND s.as_of <= $1::date
                          ORDER BY s.as_of DESC LIMIT 1) hs ON true
     WHERE a.status = 'active')
  SELECT account_id FROM base`;

describe('accounts: lists equal a direct SQL query', () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await openDemoStore(TODAY);
    // Two accounts with an alert still open (new, acknowledged), one whose only alert is resolved.
    await store.db.query(
      `INSERT INTO alerts (alert_id, account_id, rule, severity, state, reason, evidence, inputs_key, since, raised_on, last_seen, resolved_on, updated_at)
       VALUES ('AL-LIST-1', 'ACC-00001', 'usage_drop', 'high', 'new', 'usage fell', '{}', 'k1', $1, $1, $1, NULL, '2026-11-24T12:00:00Z'),
              ('AL-LIST-2', 'ACC-00002', 'usage_drop', 'medium', 'acknowledged', 'usage fell', '{}', 'k2', $1, $1, $1, NULL, '2026-11-24T12:00:00Z'),
              ('AL-LIST-3', 'ACC-00003', 'usage_drop', 'high', 'resolved', 'usage fell', '{}', 'k3', $1, $1, $1, $1, '2026-11-24T12:00:00Z')`,
      [TODAY],
    );
  }, 120_000);
  afterAll(() => store.cleanup());

  const ids = async (args: Record<string, unknown>) => {
    const answer = await run(testContext(store.db, TODAY), 'accounts', { scope: 'team', ...args });
    return {
      list: answer.data.accounts.map((a) => a.account_id),
      total: answer.data.total,
      understood: answer.data.understood,
    };
  };
  const sql = async (where: string, order: string, params: unknown[] = []) =>
    (
      await store.db.query<{ account_id: string }>(`${BASE} ${where} ORDER BY ${order}`, [TODAY, ...params])
    ).map((r) => r.account_id);

  const cases: [string, Record<string, unknown>, string, string, unknown[]][] = [
    [
      'mid-market, default order',
      { segment: 'mid-market' },
      "WHERE segment = 'mid-market'",
      'score ASC NULLS LAST, name, account_id',
      [],
    ],
    [
      'enterprise by ARR',
      { segment: 'enterprise', sort: 'arr' },
      "WHERE segment = 'enterprise'",
      'arr_cents DESC, name, account_id',
      [],
    ],
    [
      'ARR $50k to $150k',
      { arr_min: 50000, arr_max: 150000, sort: 'arr' },
      'WHERE arr_cents BETWEEN 5000000 AND 15000000',
      'arr_cents DESC, name, account_id',
      [],
    ],
    [
      'renewing in January 2027',
      { renewal_from: '2027-01-01', renewal_to: '2027-01-31' },
      "WHERE renewal_date BETWEEN '2027-01-01' AND '2027-01-31'",
      'renewal_date, name, account_id',
      [],
    ],
    [
      'renewing within 90 days',
      { renewal_within: 90 },
      "WHERE renewal_date BETWEEN '2026-11-24' AND '2027-02-22'",
      'renewal_date, name, account_id',
      [],
    ],
    [
      "priya's book, smallest first",
      { csm: 'priya.kim', sort: 'arr:asc' },
      "WHERE lower(csm) = 'priya.kim@cs-team.example'",
      'arr_cents ASC, name, account_id',
      [],
    ],
    ['top 10 by ARR', { sort: 'arr', limit: 10 }, '', 'arr_cents DESC, name, account_id LIMIT 10', []],
    [
      'no exec sponsor',
      { exec_sponsor: 'no', sort: 'name' },
      "WHERE NOT EXISTS (SELECT 1 FROM contacts c WHERE c.account_id = base.account_id AND c.role = 'exec_sponsor' AND (c.left_at IS NULL OR c.left_at > $1::date))",
      'name, account_id',
      [],
    ],
    [
      'open P1 or P2 tickets',
      { open_tickets: 'p1,p2', sort: 'name' },
      "WHERE EXISTS (SELECT 1 FROM tickets t WHERE t.account_id = base.account_id AND t.severity IN ('p1','p2') AND t.opened_at < '2026-11-25T00:00:00Z' AND (t.resolved_at IS NULL OR t.resolved_at >= '2026-11-25T00:00:00Z'))",
      'name, account_id',
      [],
    ],
    [
      'open alerts',
      { open_alerts: true, sort: 'name' },
      "WHERE EXISTS (SELECT 1 FROM alerts al WHERE al.account_id = base.account_id AND al.state <> 'resolved')",
      'name, account_id',
      [],
    ],
    [
      'churn intent in their own words in the last 30 days',
      { signal: 'churn_intent', sort: 'name' },
      "WHERE EXISTS (SELECT 1 FROM customer_signals s WHERE s.account_id = base.account_id AND s.kind = 'churn_intent' AND s.side = 'customer' AND s.at >= '2026-10-26T00:00:00Z' AND s.at < '2026-11-25T00:00:00Z')",
      'name, account_id',
      [],
    ],
    [
      'no touchpoint in 60 days',
      { no_touch_days: 60, sort: 'name' },
      "WHERE NOT EXISTS (SELECT 1 FROM touchpoints t WHERE t.account_id = base.account_id AND t.at >= '2026-09-26T00:00:00Z' AND t.at < '2026-11-25T00:00:00Z')",
      'name, account_id',
      [],
    ],
  ];

  it.each(cases)('%s', async (_label, args, where, order, params) => {
    const expected = await sql(where, order, params);
    const got = await ids(args);
    expect(got.list).toEqual(expected);
    expect(got.total).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('says what it understood', async () => {
    const got = await ids({ tier: 'at-risk,critical', csm: 'priya.kim', sort: 'arr' });
    expect(got.understood).toBe('tier at-risk or critical · book priya.kim · sorted by ARR (largest first)');
  });

  it('refuses contradictory bounds with what to do', async () => {
    await expect(ids({ score_min: 70, score_max: 40 })).rejects.toThrow(
      '--score-min 70 is above --score-max 40',
    );
  });
});
