import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastSection } from '../../bot/render/alert-message.ts';
import { answerMessage } from '../../bot/render/answer-message.ts';
import { messageProblems } from '../../bot/render/slack-limits.ts';
import { DEMO_SNAPSHOT_MONTHS, DEMO_SNAPSHOT_WEEKS } from '../../cli/actions/load-data.ts';
import { teamActor } from '../../commands/context.ts';
import { forecastChange } from '../../commands/renewal-forecast/change.ts';
import type { RenewalForecastData } from '../../commands/renewal-forecast/shape.ts';
import { ask, run } from '../../commands/router.ts';
import { formatAmountShort } from '../../core/money.ts';
import { forecastTrackRecord } from '../../facts/forecast-track-record.ts';
import { fitAndStoreChurnModel } from '../../jobs/refit-churn-model.ts';
import { backfillOn, demoHistoryDays } from '../../jobs/score-all.ts';
import { backtestSettings } from '../../knowledge/backtest-settings.ts';
import { findUser } from '../../store/repositories/users.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

/** The demo as `cse demo` leaves it: its health history back-filled and the churn model fitted. */
const AS_OF = '2026-11-24';
let store: TestStore;

beforeAll(async () => {
  store = await openDemoStore(AS_OF);
  await backfillOn(store.db, demoHistoryDays(AS_OF, DEMO_SNAPSHOT_WEEKS, DEMO_SNAPSHOT_MONTHS));
  await fitAndStoreChurnModel(store.db, AS_OF, { fittedAt: `${AS_OF}T06:00:00.000Z`, fittedBy: 'test' });
}, 120_000);
afterAll(async () => store.cleanup());

const forecast = async (args: Record<string, unknown> = {}, ctx = testContext(store.db, AS_OF)) =>
  (await run(ctx, 'renewal_forecast', args)).data as RenewalForecastData;

describe('renewal_forecast on the demo', () => {
  it('prices every term renewal due this quarter, and its figures add up', async () => {
    const data = await forecast();
    expect(data.period).toEqual({ from: '2026-10-01', to: '2026-12-31', label: '2026-Q4' });
    const [due] = await store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM accounts WHERE status = 'active' AND renewal_date BETWEEN '2026-10-01' AND '2026-12-31'
          AND coalesce(contract_term, '') <> 'monthly'`,
    );
    expect(data.due.accounts).toBe(due?.n);
    expect(data.accounts).toHaveLength(due?.n ?? -1);
    expect(data.model?.id).toMatch(/^CM-\d{4}$/);
    // Probabilities are shown to three places: the sum may differ by half a thousandth of each ARR.
    const expected = data.accounts.reduce((s, a) => s + a.arr * a.probability, 0);
    const rounding = data.accounts.reduce((s, a) => s + a.arr * 0.0005, 0.01);
    expect(Math.abs((data.expected ?? 0) - expected)).toBeLessThanOrEqual(rounding);
    expect(data.groups.reduce((s, g) => s + g.accounts, 0)).toBe(data.due.accounts);
    expect(Math.round(data.groups.reduce((s, g) => s + g.arr, 0))).toBe(Math.round(data.due.arr));
    for (const a of data.accounts) {
      expect(a.group).toBe(a.probability >= 0.8 ? 'commit' : a.probability < 0.5 ? 'at_risk' : 'best_case');
      expect(a.reasons.length).toBeGreaterThan(0);
    }
    expect(data.p10 ?? -1).toBeLessThanOrEqual(data.p50 ?? -1);
    expect(data.p50 ?? -1).toBeLessThanOrEqual(data.p90 ?? -1);
    expect(data.p90 ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(data.due.arr + 0.01);
    const [monthly] = await store.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM accounts WHERE status = 'active' AND contract_term = 'monthly'",
    );
    expect(data.apart.monthly.accounts).toBe(monthly?.n);
    expect(data.track_summary?.quarters).toBeGreaterThanOrEqual(4);
    expect(data.track_record).toEqual([]);
  });

  it('answers "forecast for enterprise next quarter" for that segment and period, and shows the track record when asked', async () => {
    const answer = await ask(testContext(store.db, AS_OF), 'forecast for enterprise next quarter');
    expect(answer.intent).toBe('renewal_forecast');
    const data = answer.data as RenewalForecastData;
    expect(data.period).toEqual({ from: '2027-01-01', to: '2027-03-31', label: '2027-Q1' });
    expect(data.scope.segment).toBe('enterprise');
    const [due] = await store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM accounts WHERE status = 'active' AND segment = 'enterprise'
          AND renewal_date BETWEEN '2027-01-01' AND '2027-03-31' AND coalesce(contract_term, '') <> 'monthly'`,
    );
    expect(data.due.accounts).toBe(due?.n);
    const full = await forecast({ track_record: true });
    expect(full.track_record.length).toBe(full.track_summary?.quarters);
    expect(full.track_summary?.coverage).toBe(
      full.track_record.filter((q) => q.inside).length / full.track_record.length,
    );
  });

  it('shows expansion expected at renewal apart: the renewals with a signal in 90 days, at the rate measured with the model', async () => {
    const data = await forecast({ from: '2027-01-01', to: '2027-03-31' });
    const x = data.expansion;
    if (!x) throw new Error('no expansion section');
    const signalled = await store.db.query<{ account_id: string }>(
      `SELECT DISTINCT account_id FROM events
        WHERE type IN ('usage_limit_hit','higher_tier_request','api_access_request','new_team_interest','funding_round','champion_promoted')
          AND at >= '2026-08-27' AND at < '2026-11-25' AND account_id = ANY($1::text[]) ORDER BY account_id`,
      [data.accounts.map((a) => a.account_id)],
    );
    expect([...x.accounts].sort()).toEqual(signalled.map((r) => r.account_id));
    expect(x.rate).toBeCloseTo(x.expanded / x.observations, 10);
    const arrOf = new Map(data.accounts.map((a) => [a.account_id, a.arr]));
    const expected = x.accounts.reduce(
      (s, id) => s + (arrOf.get(id) ?? 0) * (x.rate ?? 0) * (x.uplift ?? 0),
      0,
    );
    expect(Math.abs(x.expected - expected)).toBeLessThanOrEqual(0.01 * x.accounts.length + 0.01);
  });

  it("shows a CSM their own book's renewals only; the team's is refused", async () => {
    const user = await findUser(store.db, 'priya.kim');
    if (!user) throw new Error('no CSM priya.kim in the demo');
    const asCsm = testContext(store.db, AS_OF, { actor: teamActor(user), surface: 'chat' });
    const data = await forecast({}, asCsm);
    expect(data.scope).toEqual({ book: 'csm', csm: user.user_id, segment: null });
    const mine = await store.db.query<{ account_id: string }>(
      `SELECT account_id FROM accounts WHERE status = 'active' AND lower(csm) = 'priya.kim@cs-team.example'
          AND renewal_date BETWEEN '2026-10-01' AND '2026-12-31' AND coalesce(contract_term, '') <> 'monthly' ORDER BY account_id`,
    );
    expect(data.accounts.map((a) => a.account_id).sort()).toEqual(mine.map((r) => r.account_id));
    // The track record covers every book: a CSM's forecast leaves it out and says where it is.
    const withRecord = await forecast({ track_record: true }, asCsm);
    expect(withRecord.track_summary).toBeNull();
    expect(withRecord.track_record).toEqual([]);
    expect(withRecord.track_record_note).toBe(
      "kept for the whole team only: the team's renewal forecast shows it",
    );
    await expect(run(asCsm, 'renewal_forecast', { scope: 'team' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});

describe('renewal_forecast in Slack', () => {
  it('fits Block Kit limits with what is due, P10 / P50 / P90, the groups and the track record on the first view', async () => {
    const answer = await ask(testContext(store.db, AS_OF, { surface: 'slack' }), 'renewal forecast');
    const data = answer.data as RenewalForecastData;
    const message = answerMessage(answer);
    expect(messageProblems(message)).toEqual([]);
    const text = JSON.stringify(message.blocks);
    const money = (amount: number | null) => formatAmountShort(amount ?? 0);
    expect(text).toContain(
      `*P10 · P50 · P90*\\n${money(data.p10)} · ${money(data.p50)} · ${money(data.p90)}`,
    );
    for (const g of data.groups) expect(text).toContain(`${g.accounts} · ${money(g.arr)}`);
    expect(text).toContain(`Track record (team, ${data.track_summary?.quarters} past quarters`);
    expect(message.blocks[0]).toMatchObject({ type: 'header' });
  });
});

describe("the leaders' weekly digest", () => {
  it("shows the quarter's forecast and how it moved since last week, with the renewals behind the move", async () => {
    const ctx = testContext(store.db, AS_OF);
    const now = await run(ctx, 'renewal_forecast', { scope: 'team' });
    const data = now.data as RenewalForecastData;
    const weekAgo = await run(ctx, 'renewal_forecast', {
      scope: 'team',
      as_of: '2026-11-17',
      from: data.period.from,
      to: data.period.to,
    });
    const before = weekAgo.data as RenewalForecastData;
    const change = forecastChange(data, before);
    expect(change?.expectedChange).toBeCloseTo((data.expected ?? 0) - (before.expected ?? 0), 6);
    const text = JSON.stringify(forecastSection({ now, weekAgo }));
    const money = (amount: number | null) => formatAmountShort(amount ?? 0);
    expect(text).toContain(
      `*Renewal forecast 2026-Q4*: ${data.due.accounts} due (${money(data.due.arr)}), expected ${money(data.expected)}`,
    );
    const delta = change?.expectedChange ?? 0;
    expect(text).toContain(`Since last week: ${delta >= 0 ? '+' : '−'}${money(Math.abs(delta))}`);
    for (const m of change?.movers ?? []) expect(text).toContain(m.name);
  });
});

describe("the forecast's track record", () => {
  const settings = backtestSettings();

  it('covers at least four past quarters as of today and three earlier dates', async () => {
    for (const day of [AS_OF, '2026-10-20', '2026-09-15', '2026-08-05']) {
      const record = await forecastTrackRecord(store.db, day, settings);
      expect(record.quarters.length, `as of ${day}`).toBeGreaterThanOrEqual(4);
      for (const q of record.quarters) {
        expect(q.to < day).toBe(true);
        expect(q.p10Cents).toBeLessThanOrEqual(q.p50Cents);
        expect(q.p50Cents).toBeLessThanOrEqual(q.p90Cents);
        expect(q.actualCents).toBeLessThanOrEqual(q.dueCents);
      }
    }
  });

  it("never reads the future: moving a churn that happened after a quarter began leaves that quarter's forecast as it was", async () => {
    const before = await forecastTrackRecord(store.db, AS_OF, settings);
    const [moved] = await store.db.query<{ account_id: string; churned_at: string }>(
      `SELECT account_id, churned_at::text AS churned_at FROM accounts
        WHERE churned_at > '2026-04-01' AND churned_at < '2026-09-01' ORDER BY churned_at, account_id LIMIT 1`,
    );
    if (!moved) throw new Error('the demo has no churn between April and September 2026');
    await store.db.query(
      "UPDATE accounts SET churned_at = churned_at + 120, status = 'churned' WHERE account_id = $1",
      [moved.account_id],
    );
    try {
      const after = await forecastTrackRecord(store.db, AS_OF, settings);
      const forecastOf = (q: (typeof before.quarters)[number]) => [
        q.quarter,
        q.accounts,
        q.dueCents,
        q.p10Cents,
        q.p50Cents,
        q.p90Cents,
      ];
      const startedBefore = (q: (typeof before.quarters)[number]) => q.from < moved.churned_at;
      expect(after.quarters.filter(startedBefore).map(forecastOf)).toEqual(
        before.quarters.filter(startedBefore).map(forecastOf),
      );
      expect(before.quarters.filter(startedBefore).length).toBeGreaterThanOrEqual(3);
    } finally {
      await store.db.query('UPDATE accounts SET churned_at = churned_at - 120 WHERE account_id = $1', [
        moved.account_id,
      ]);
    }
  });
});
