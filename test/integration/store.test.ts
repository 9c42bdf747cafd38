import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../store/migrate.ts';
import {
  accountNames,
  countAccounts,
  getAccount,
  listAccounts,
  portfolioFacts,
} from '../../store/repositories/accounts.ts';
import { appendAudit, recentAudit } from '../../store/repositories/audit-log.ts';
import { contactsForAccount } from '../../store/repositories/contacts.ts';
import { feedbackForAccount, getFeedback, insertFeedback } from '../../store/repositories/feedback.ts';
import { saveHealthSnapshot, snapshotOnOrBefore } from '../../store/repositories/health-snapshots.ts';
import {
  latestRevenueMonth,
  mrrFacts,
  mrrSeriesWindow,
  revenueForAccount,
} from '../../store/repositories/revenue.ts';
import { openTicketsAt, ticketsForAccount } from '../../store/repositories/tickets.ts';
import { usageForAccount } from '../../store/repositories/usage.ts';
import { csmKeys, findUser } from '../../store/repositories/users.ts';
import { openTestStore, type TestStore } from '../helpers/test-db.ts';

let store: TestStore;

beforeAll(async () => {
  store = await openTestStore();
  const { db } = store;
  await db.copyRows(
    'users',
    ['user_id', 'name', 'email', 'slack_id', 'role'],
    [
      ['maya', 'Maya Patel', 'maya@cs.example', 'U001', 'csm'],
      ['lee', 'Lee Chen', 'lee@cs.example', 'U002', 'leader'],
    ],
  );
  await db.copyRows(
    'accounts',
    [
      'account_id',
      'name',
      'segment',
      'csm',
      'arr_cents',
      'renewal_date',
      'contract_term',
      'status',
      'seasonal_months',
    ],
    [
      [
        'A1',
        'Acme Corp',
        'enterprise',
        'maya@cs.example',
        9_000_000,
        '2026-12-01',
        'annual',
        'active',
        [6, 7],
      ],
      ['A2', 'Globex', 'smb', 'U001', 1_200_000, '2027-03-01', 'annual', 'active', []],
      ['A3', 'Initech', 'mid-market', 'someone@else', 5_000_000, null, 'monthly', 'active', []],
      ['A4', 'Hooli', 'smb', null, 100_000, '2026-01-01', 'annual', 'churned', []],
    ],
  );
  await db.copyRows(
    'revenue',
    ['account_id', 'month', 'mrr_cents'],
    [
      ['A1', '2026-09-01', 700_000],
      ['A1', '2026-10-01', 750_000],
      ['A2', '2026-09-01', 90_000],
      ['A4', '2025-12-01', 10_000],
    ],
  );
});
afterAll(async () => store.cleanup());

describe(`store on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('applies migrations once: a second run applies nothing', async () => {
    expect(await migrate(store.db)).toEqual([]);
    const rows = await store.db.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
  });

  it('has every table of the data model', async () => {
    const rows = await store.db.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
    );
    expect(rows.map((r) => r.table_name)).toEqual([
      'accounts',
      'alert_history',
      'alert_sends',
      'alerts',
      'audit_log',
      'billing_invoice_lines',
      'billing_subscription_mrr',
      'churn_models',
      'contacts',
      'crm_deals',
      'customer_channels',
      'customer_messages',
      'customer_signals',
      'events',
      'feedback',
      'feedback_dedup_settings',
      'feedback_duplicate_pairs',
      'goals',
      'health_disagreements',
      'health_models',
      'health_snapshots',
      'import_runs',
      'invoices',
      'product_events',
      'product_revenue',
      'product_usage',
      'product_user_accounts',
      'revenue',
      'revenue_series',
      'roadmap_changes',
      'roadmap_items',
      'roadmap_links',
      'scheduled_runs',
      'schema_migrations',
      'signal_scans',
      'slack_deliveries',
      'sync_links',
      'sync_quarantine',
      'sync_sources',
      'tickets',
      'touchpoints',
      'usage',
      'users',
    ]);
  });

  it('runs every session in UTC, so a day window is the same day whatever the server zone', async () => {
    const { db } = store;
    const read = async (q: Pick<typeof db, 'query'>) =>
      (
        await q.query<{ tz: string; starts: boolean }>(
          "SELECT current_setting('TimeZone') AS tz, ('2026-03-01'::date + 1)::timestamptz = '2026-03-02T00:00:00Z'::timestamptz AS starts",
        )
      )[0];
    expect(await read(db)).toEqual({ tz: 'UTC', starts: true });
    expect(await db.transaction((tx) => read(tx))).toEqual({ tz: 'UTC', starts: true });
  });

  it('returns the same value types on both drivers', async () => {
    const account = await getAccount(store.db, 'A1');
    expect(account).toMatchObject({
      account_id: 'A1',
      arr_cents: 9_000_000,
      renewal_date: '2026-12-01',
      seasonal_months: [6, 7],
      attributes: {},
    });
    expect(typeof account?.updated_at).toBe('string');
    expect(account?.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('lists and counts accounts by status, segment and CSM identifiers', async () => {
    expect(await countAccounts(store.db)).toBe(4);
    expect(await countAccounts(store.db, { status: 'active' })).toBe(3);
    expect((await listAccounts(store.db, { segment: 'smb' })).map((a) => a.account_id)).toEqual(['A2', 'A4']);
    const maya = await findUser(store.db, 'MAYA@cs.example');
    if (!maya) throw new Error('maya not found');
    expect(maya.user_id).toBe('maya');
    expect((await listAccounts(store.db, { csm: csmKeys(maya) })).map((a) => a.name)).toEqual([
      'Acme Corp',
      'Globex',
    ]);
    expect((await accountNames(store.db)).map((a) => a.name)).toEqual([
      'Acme Corp',
      'Globex',
      'Hooli',
      'Initech',
    ]);
  });

  it('finds users by id, email or Slack id and nothing else', async () => {
    expect((await findUser(store.db, 'U002'))?.user_id).toBe('lee');
    expect((await findUser(store.db, 'lee'))?.role).toBe('leader');
    expect(await findUser(store.db, 'nobody')).toBeNull();
  });

  it('reads month-end MRR facts as YYYY-MM and integer cents', async () => {
    expect(await revenueForAccount(store.db, 'A1')).toEqual([
      { account_id: 'A1', month: '2026-09', mrr_cents: 700_000 },
      { account_id: 'A1', month: '2026-10', mrr_cents: 750_000 },
    ]);
    expect((await mrrFacts(store.db, '2026-09')).length).toBe(3);
    expect(await latestRevenueMonth(store.db, '2026-11-24')).toBe('2026-10');
    expect(await latestRevenueMonth(store.db, '2026-09-30')).toBe('2026-09');
  });

  it("keeps each account's revenue series in step with every insert, update and delete", async () => {
    const seriesOf = async (id: string) =>
      (await mrrSeriesWindow(store.db, {})).series.find((s) => s.account_id === id) ?? null;
    // 2026-09 is month number 2026 × 12 + 8.
    expect(await seriesOf('A1')).toEqual({
      account_id: 'A1',
      months: [24320, 24321],
      cents: [700_000, 750_000],
    });
    await store.db.transaction(async (tx) => {
      await tx.query(
        "INSERT INTO revenue (account_id, month, mrr_cents) VALUES ('A1', '2026-11-01', 800000)",
      );
      await tx.query(
        "UPDATE revenue SET mrr_cents = 710000 WHERE account_id = 'A1' AND month = '2026-09-01'",
      );
      await tx.query("DELETE FROM revenue WHERE account_id = 'A1' AND month = '2026-10-01'");
    });
    expect(await seriesOf('A1')).toEqual({
      account_id: 'A1',
      months: [24320, 24322],
      cents: [710_000, 800_000],
    });
    expect(
      (await mrrSeriesWindow(store.db, { fromMonth: '2026-10', upToMonth: '2026-11' })).series.find(
        (s) => s.account_id === 'A1',
      ),
    ).toEqual({ account_id: 'A1', months: [24322], cents: [800_000] });
    // Put the fixture back for the tests that follow.
    await store.db.transaction(async (tx) => {
      await tx.query("DELETE FROM revenue WHERE account_id = 'A1' AND month = '2026-11-01'");
      await tx.query(
        "UPDATE revenue SET mrr_cents = 700000 WHERE account_id = 'A1' AND month = '2026-09-01'",
      );
      await tx.query(
        "INSERT INTO revenue (account_id, month, mrr_cents) VALUES ('A1', '2026-10-01', 750000)",
      );
    });
    expect(await seriesOf('A1')).toEqual({
      account_id: 'A1',
      months: [24320, 24321],
      cents: [700_000, 750_000],
    });
  });

  it('gives portfolio facts with the reporting month MRR, missing months as no row', async () => {
    const facts = await portfolioFacts(store.db, '2026-11-24');
    expect(facts.revenueMonth).toBe('2026-10');
    const byId = Object.fromEntries(facts.accounts.map((a) => [a.account_id, a]));
    expect(Object.keys(byId)).toEqual(['A1', 'A2', 'A3']);
    expect(byId.A1).toMatchObject({ mrr_cents: 750_000, has_revenue: true });
    expect(byId.A2).toMatchObject({ mrr_cents: null, has_revenue: true });
    expect(byId.A3).toMatchObject({ mrr_cents: null, has_revenue: false, arr_cents: 5_000_000 });
  });

  it('stores and reads child rows per account in time order', async () => {
    await store.db.copyRows(
      'contacts',
      ['contact_id', 'account_id', 'name', 'role', 'last_engaged_at'],
      [
        ['C2', 'A1', 'Bo', 'exec_sponsor', '2026-10-01'],
        ['C1', 'A1', 'Al', 'champion', '2026-09-01'],
      ],
    );
    expect((await contactsForAccount(store.db, 'A1')).map((c) => c.contact_id)).toEqual(['C1', 'C2']);
    await store.db.copyRows(
      'usage',
      ['account_id', 'date', 'dau', 'mau'],
      [
        ['A1', '2026-11-01', 40, 100],
        ['A1', '2026-11-08', 45, 100],
        ['A1', '2026-11-15', 50, 100],
      ],
    );
    expect((await usageForAccount(store.db, 'A1', { from: '2026-11-05' })).map((u) => u.dau)).toEqual([
      45, 50,
    ]);
    await store.db.copyRows(
      'tickets',
      ['ticket_id', 'account_id', 'opened_at', 'severity', 'resolved_at'],
      [
        ['T1', 'A1', '2026-11-01T10:00:00Z', 'p2', '2026-11-03T10:00:00Z'],
        ['T2', 'A1', '2026-11-10T10:00:00Z', 'p1', null],
      ],
    );
    expect((await ticketsForAccount(store.db, 'A1')).map((t) => t.ticket_id)).toEqual(['T1', 'T2']);
    expect((await openTicketsAt(store.db, 'A1', '2026-11-02T00:00:00Z')).map((t) => t.ticket_id)).toEqual([
      'T1',
    ]);
    expect((await openTicketsAt(store.db, 'A1', '2026-11-20T00:00:00Z')).map((t) => t.ticket_id)).toEqual([
      'T2',
    ]);
  });

  it('ingests feedback idempotently and finds neighbours by cosine distance in pgvector', async () => {
    const item = {
      feedback_id: 'F1',
      account_id: 'A1',
      source: 'nps' as const,
      created_at: '2026-11-01T00:00:00.000Z',
      text: 'We need SSO',
      score: 6,
    };
    expect(await insertFeedback(store.db, item)).toEqual({ inserted: true });
    expect(await insertFeedback(store.db, { ...item, text: 'changed' })).toEqual({ inserted: false });
    expect((await getFeedback(store.db, 'F1'))?.text).toBe('We need SSO');
    await insertFeedback(store.db, { ...item, feedback_id: 'F2', text: 'SAML please' });
    await insertFeedback(store.db, { ...item, feedback_id: 'F3', text: 'Invoice wrong' });
    const vector = (hot: number) =>
      `[${Array.from({ length: 512 }, (_, i) => (i === hot ? 1 : i === hot + 1 ? 0.2 : 0)).join(',')}]`;
    await store.db.query(
      "UPDATE feedback SET embedding = $1::vector, embedding_model = 'test' WHERE feedback_id IN ('F1','F2')",
      [vector(3)],
    );
    await store.db.query(
      "UPDATE feedback SET embedding = $1::vector, embedding_model = 'test' WHERE feedback_id = 'F3'",
      [vector(100)],
    );
    const nearest = await store.db.query<{ feedback_id: string; similarity: number }>(
      `SELECT feedback_id, 1 - (embedding <=> (SELECT embedding FROM feedback WHERE feedback_id = 'F1')) AS similarity
         FROM feedback WHERE feedback_id <> 'F1' ORDER BY embedding <=> (SELECT embedding FROM feedback WHERE feedback_id = 'F1') LIMIT 2`,
    );
    expect(nearest.map((n) => n.feedback_id)).toEqual(['F2', 'F3']);
    expect(nearest[0]?.similarity).toBeCloseTo(1, 6);
    expect(nearest[1]?.similarity).toBeCloseTo(0, 6);
    expect((await feedbackForAccount(store.db, 'A1')).map((f) => f.feedback_id).sort()).toEqual([
      'F1',
      'F2',
      'F3',
    ]);
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      store.db.transaction(async (tx) => {
        await tx.query("INSERT INTO accounts (account_id, name) VALUES ('TX1', 'Temp')");
        await tx.query("INSERT INTO accounts (account_id, name, segment) VALUES ('TX2', 'Bad', 'galactic')");
      }),
    ).rejects.toThrow(/segment/);
    expect(await getAccount(store.db, 'TX1')).toBeNull();
  });

  it('keeps health snapshots per account and day', async () => {
    const snapshot = {
      account_id: 'A1',
      score: 72,
      tier: 'healthy' as const,
      dimensions: { usage: 7 },
      missing: ['outcomes'],
      model_version: 'seed-1',
      coverage: 0.8,
    };
    await saveHealthSnapshot(store.db, { ...snapshot, as_of: '2026-11-01' });
    await saveHealthSnapshot(store.db, { ...snapshot, as_of: '2026-11-08', score: 65 });
    await saveHealthSnapshot(store.db, { ...snapshot, as_of: '2026-11-08', score: 66 });
    expect((await snapshotOnOrBefore(store.db, 'A1', '2026-11-07'))?.score).toBe(72);
    expect(await snapshotOnOrBefore(store.db, 'A1', '2026-11-20')).toMatchObject({
      score: 66,
      missing: ['outcomes'],
      dimensions: { usage: 7 },
    });
    expect(await snapshotOnOrBefore(store.db, 'A1', '2026-10-01')).toBeNull();
  });

  it('appends to the audit log', async () => {
    await appendAudit(store.db, {
      actor: 'maya',
      surface: 'slack',
      channel: 'C1',
      text: 'score acme',
      intent: 'score',
      outcome: 'ok',
      duration_ms: 12.4,
    });
    const [latest] = await recentAudit(store.db, 1);
    expect(latest).toMatchObject({
      actor: 'maya',
      surface: 'slack',
      channel: 'C1',
      intent: 'score',
      outcome: 'ok',
      duration_ms: 12,
    });
  });
});
