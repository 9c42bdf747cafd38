import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../core/calendar.ts';
import { runDay } from '../../jobs/daily-run.ts';
import { alertDelivery } from '../../knowledge/alert-rules.ts';
import { listAlerts, updateAlertByPerson } from '../../store/repositories/alerts.ts';
import { weekOf } from '../../tools/alerts/alert-budget.ts';
import { dayParts } from '../helpers/daily-parts.ts';
import { TEST_AS_OF } from '../helpers/slack-app.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

let store: TestStore;
const parts = (day: string) => dayParts(store.db, day);
const alertsOf = async (name: string) =>
  (await listAlerts(store.db, { keys: null, states: null })).filter((a) => a.account_name === name);

beforeAll(async () => {
  store = await openDemoStore(TEST_AS_OF);
});
afterAll(async () => store?.cleanup());

describe('a day of alerts on the demo portfolio', () => {
  it('raises the scripted accounts’ alerts, with the rule, the reason and dated evidence', async () => {
    const run = await runDay(parts(TEST_AS_OF), TEST_AS_OF, { force: true });
    expect(run.snapshot?.accounts).toBeGreaterThan(150);
    expect(run.alerts?.raised).toBeGreaterThan(0);
    const globex = await alertsOf('Globex');
    const rules = new Set(globex.map((a) => a.rule));
    // Globex: the at-risk story — champion gone, usage falling, competitor, export, renewal in 75 days.
    for (const rule of [
      'champion_left',
      'usage_decline',
      'competitor_evaluation',
      'data_export',
      'renewal_step',
    ])
      expect(rules, rule).toContain(rule);
    const champion = globex.find((a) => a.rule === 'champion_left');
    expect(champion?.severity).toBe('critical');
    expect(champion?.evidence[0]?.as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(globex.find((a) => a.rule === 'renewal_step')?.reason_key).toMatch(/:-75$/);
    // Acme Corp renews in 45 days: the −45 step, with the risk picture.
    const acme = await alertsOf('Acme Corp');
    expect(acme.find((a) => a.rule === 'renewal_step')?.reason).toContain('−45-day step');
    // Soylent Foods is onboarding: onboarding rules, not mature-account ones.
    const soylent = (await alertsOf('Soylent Foods')).map((a) => a.rule);
    expect(soylent).toEqual(
      expect.arrayContaining(['onboarding_kickoff_delayed', 'onboarding_integration_failed']),
    );
    expect(soylent).not.toContain('usage_decline');
    expect(soylent).not.toContain('renewal_step');
    // Umbrella Health churned: no open alert at all.
    expect((await alertsOf('Umbrella Health')).filter((a) => a.state !== 'resolved')).toEqual([]);
  });

  it('raises a renewal with a P1/P2 ticket open more than 7 days for exactly the accounts the store says', async () => {
    // Independently of the rule: term renewals in the next 60 days with a P1/P2 open more than 7 days.
    const expected = await store.db.query<{ account_id: string; tickets: string }>(
      `SELECT a.account_id, string_agg(t.ticket_id, ',' ORDER BY t.ticket_id) AS tickets
         FROM accounts a JOIN tickets t ON t.account_id = a.account_id
        WHERE a.status = 'active' AND a.contract_term IS DISTINCT FROM 'monthly'
          AND a.renewal_date BETWEEN $1::date AND $1::date + 60
          AND t.severity IN ('p1', 'p2') AND t.opened_at < ($1::date - 7)::timestamptz
          AND (t.resolved_at IS NULL OR t.resolved_at >= ($1::date + 1)::timestamptz)
        GROUP BY a.account_id ORDER BY a.account_id`,
      [TEST_AS_OF],
    );
    const raised = (await listAlerts(store.db, { keys: null, states: null }))
      .filter((a) => a.rule === 'renewal_severe_ticket' && a.state !== 'resolved')
      .map((a) => ({
        account_id: a.account_id,
        tickets: a.evidence
          .filter((e) => e.input.startsWith('open '))
          .map((e) => e.value.split(' ')[0])
          .sort()
          .join(','),
      }))
      .sort((x, y) => x.account_id.localeCompare(y.account_id));
    expect(expected.length).toBeGreaterThan(0);
    expect(raised).toEqual(expected);
  });

  it('a second run on the same day raises, updates and resolves nothing', async () => {
    const before = await listAlerts(store.db, { keys: null, states: null });
    const again = await runDay(parts(TEST_AS_OF), TEST_AS_OF, { force: true });
    expect(again.alerts?.changes).toEqual([]);
    expect(await listAlerts(store.db, { keys: null, states: null })).toEqual(before);
  });

  it('“snooze until the inputs change” stays quiet until an input changes, then fires again', async () => {
    const alert = (await alertsOf('Globex')).find((a) => a.rule === 'data_export');
    if (!alert) throw new Error('no data_export alert on Globex');
    expect(
      await updateAlertByPerson(
        store.db,
        alert.alert_id,
        { kind: 'snooze', until: null, untilInputsChange: true },
        `${TEST_AS_OF}T13:00:00.000Z`,
      ),
    ).toBe(true);
    const next = addDays(TEST_AS_OF, 1);
    const quiet = await runDay(parts(next), next);
    expect(quiet.alerts?.changes.filter((c) => c.alert_id === alert.alert_id)).toEqual([]);
    expect((await alertsOf('Globex')).find((a) => a.alert_id === alert.alert_id)?.state).toBe('snoozed');
    // A new export on Globex: the input it fired on changed.
    await store.db.query(
      "INSERT INTO events (event_id, account_id, at, type, details) VALUES ('EVT-TEST-1', $1, $2, 'data_export', 'full workspace export')",
      [alert.account_id, `${addDays(TEST_AS_OF, 2)}T09:00:00.000Z`],
    );
    const later = addDays(TEST_AS_OF, 2);
    const woke = await runDay(parts(later), later);
    expect(woke.alerts?.changes).toContainEqual({ alert_id: alert.alert_id, change: 'wake' });
    const back = (await alertsOf('Globex')).find((a) => a.alert_id === alert.alert_id);
    expect(back?.state).toBe('new');
    expect(back?.reason).toContain('its inputs changed');
  });
});

describe('26 weeks replayed', () => {
  let replay: TestStore;
  beforeAll(async () => {
    replay = await openDemoStore(TEST_AS_OF);
  });
  afterAll(async () => replay?.cleanup());

  it('keeps every CSM within the weekly DM budget (critical alerts aside)', async () => {
    const days = Array.from({ length: 26 }, (_, k) => addDays(TEST_AS_OF, -7 * (25 - k)));
    for (const day of days) await runDay({ ...parts(day), db: replay.db }, day, { force: true });
    const rows = await replay.db.query<{ recipient: string; day: string; n: number; critical: number }>(
      `SELECT s.recipient, s.day, count(*)::int AS n,
              count(*) FILTER (WHERE EXISTS (SELECT 1 FROM alerts a WHERE a.alert_id = ANY(s.alert_ids) AND a.severity = 'critical'))::int AS critical
         FROM alert_sends s WHERE s.kind = 'dm' GROUP BY s.recipient, s.day`,
    );
    const perWeek = new Map<string, { n: number; critical: number }>();
    for (const r of rows) {
      const key = `${r.recipient} ${weekOf(r.day)}`;
      const w = perWeek.get(key) ?? { n: 0, critical: 0 };
      perWeek.set(key, { n: w.n + r.n, critical: w.critical + r.critical });
    }
    const cap = alertDelivery().weekly_dm_budget.default;
    expect(perWeek.size).toBeGreaterThan(26);
    for (const [key, w] of perWeek) expect(w.n - w.critical, key).toBeLessThanOrEqual(cap);
    const held = await replay.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM alerts WHERE delivery = 'digest'",
    );
    expect(held[0]?.n).toBeGreaterThan(0);
  });
});
