import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../core/calendar.ts';
import { CseError } from '../../core/errors.ts';
import { scoreAll } from '../../jobs/score-all.ts';
import { HealthModel } from '../../knowledge/health-model.ts';
import { loadKnowledge } from '../../knowledge/load-knowledge.ts';
import { snapshotOnOrBefore } from '../../store/repositories/health-snapshots.ts';
import { testContext } from '../../test/helpers/command-context.ts';
import { openTestStore, type TestStore } from '../../test/helpers/test-db.ts';
import { renderAnswer } from '../answer-text.ts';
import { resolveAccount } from '../resolve-account.ts';
import { ask, run } from '../router.ts';
import type { ScoreData } from './command.ts';

const AS_OF = '2026-11-24';
let store: TestStore;
const context = () => testContext(store.db, AS_OF);

beforeAll(async () => {
  store = await openTestStore();
  const { db } = store;
  await db.copyRows(
    'accounts',
    ['account_id', 'name', 'domain', 'segment', 'status'],
    [
      ['A1', 'Acme Corp', 'acme.com', 'mid-market', 'active'],
      ['A2', 'Acme Analytics', 'acmeanalytics.io', 'smb', 'active'],
      ['G1', 'Globex', 'globex.com', 'mid-market', 'active'],
      ['I1', 'Initech', 'initech.com', 'enterprise', 'active'],
      ['OLD', 'Old Globex', null, 'smb', 'churned'],
    ],
  );
  // Globex: usage falls hard in the last four weeks; Initech steady; Acme Corp no usage at all.
  const usage: unknown[][] = [];
  for (const [id, before, after] of [
    ['G1', 100, 55],
    ['I1', 100, 100],
  ] as const) {
    for (let w = 11; w >= 0; w--) {
      const wau = w >= 4 ? before : after;
      usage.push([id, addDays(AS_OF, -7 * w), Math.round(wau / 2), wau, 120, 120, wau * 10, 12, 20]);
    }
  }
  await db.copyRows(
    'usage',
    [
      'account_id',
      'date',
      'dau',
      'wau',
      'mau',
      'seats_active',
      'core_actions',
      'features_used',
      'features_total',
    ],
    usage,
  );
  await db.copyRows(
    'tickets',
    ['ticket_id', 'account_id', 'opened_at', 'severity'],
    [
      ['T1', 'G1', '2026-11-15T10:00:00Z', 'p2'],
      ['T2', 'G1', '2026-11-18T10:00:00Z', 'p2'],
      ['T3', 'G1', '2026-11-20T10:00:00Z', 'p2'],
    ],
  );
  await db.copyRows(
    'contacts',
    ['contact_id', 'account_id', 'role', 'last_engaged_at', 'left_at'],
    [
      ['C1', 'G1', 'champion', '2026-10-01', '2026-11-03'],
      ['C2', 'G1', 'user', '2026-11-01', null],
      ['C3', 'I1', 'champion', '2026-11-20', null],
      ['C4', 'I1', 'exec_sponsor', '2026-11-01', null],
    ],
  );
  await db.copyRows(
    'touchpoints',
    ['touchpoint_id', 'account_id', 'at', 'kind'],
    [
      ['P1', 'G1', '2026-09-01T10:00:00Z', 'call'],
      ['P2', 'I1', '2026-11-20T10:00:00Z', 'exec_touch'],
    ],
  );
  await db.copyRows(
    'goals',
    ['goal_id', 'account_id', 'objective', 'status'],
    [
      ['GO1', 'I1', 'Cut close time', 'achieved'],
      ['GO2', 'G1', 'Roll out to EMEA', 'missed'],
    ],
  );
});
afterAll(async () => store.cleanup());

describe(`account resolver on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('finds accounts by id, name, domain, prefix and near-miss spelling', async () => {
    const id = async (m: string) => (await resolveAccount(store.db, m)).id;
    expect(await id('g1')).toBe('G1');
    expect(await id('GLOBEX')).toBe('G1');
    expect(await id('initech.com')).toBe('I1');
    expect(await id('Acme Corp Inc.')).toBe('A1');
    expect(await id('initehc')).toBe('I1');
    expect(await id('glob')).toBe('G1');
  });

  it('asks instead of guessing between close candidates, and suggests near names', async () => {
    const ambiguous = await resolveAccount(store.db, 'ac').catch((e: CseError) => e);
    expect(ambiguous).toBeInstanceOf(CseError);
    expect((ambiguous as CseError).code).toBe('account_ambiguous');
    expect((ambiguous as CseError).message).toContain('Acme Analytics, Acme Corp');
    const missing = await resolveAccount(store.db, 'Umbrella').catch((e: CseError) => e);
    expect((missing as CseError).code).toBe('account_not_found');
    expect((missing as CseError).message).toBe("No account matches 'Umbrella'");
  });
});

describe('score', () => {
  it('scores an account with every dimension, input, reason and the tier playbook', async () => {
    const answer = await ask(context(), 'how is globex doing?');
    expect(answer.intent).toBe('score');
    expect(answer.account).toEqual({ id: 'G1', name: 'Globex' });
    expect(answer.provenance.reproduce).toBe('cse run score --account G1 --as-of 2026-11-24');
    const data = answer.data as ScoreData;
    expect(data.dimensions.engagement.reason).toContain(
      'logins (weekly active users) down 45% vs prior 4 weeks',
    );
    expect(data.dimensions.engagement.reason).toContain('3 P2 tickets in 30 days');
    expect(data.dimensions.relationship.reason).toContain('no champion');
    expect(data.dimensions.financial.score).toBeNull();
    expect(data.missing).toContain('financial');
    expect(['at-risk', 'critical']).toContain(data.tier);
    expect(data.actions.length).toBeGreaterThan(0);
  });

  it('does not score an account with no data (no tickets alone is no evidence), and says what would supply it', async () => {
    const data = (await run(context(), 'score', { account: 'Acme Corp' })).data as ScoreData;
    expect(data.missing).toEqual(
      expect.arrayContaining(['product_usage', 'engagement', 'relationship', 'outcomes', 'financial']),
    );
    expect([data.score, data.tier, data.coverage, data.actions]).toEqual([null, 'unscored', 0, []]);
    expect(data.evidence_needed).toHaveLength(5);
  });

  it('stores snapshots for every active account and explains a drop since the last one', async () => {
    // Four weeks ago Globex's usage was flat: score as of then, then as of today.
    const earlier = await scoreAll(store.db, addDays(AS_OF, -28));
    expect(earlier.accounts).toBe(4);
    await scoreAll(store.db, AS_OF);
    const snap = await snapshotOnOrBefore(store.db, 'G1', AS_OF);
    expect(snap?.as_of).toBe(AS_OF);
    const data = (await run(context(), 'score', { account: 'globex' })).data as ScoreData;
    // The nearest snapshot on or before 7 days back is the one from four weeks ago.
    expect(data.trend.d7?.as_of).toBe(addDays(AS_OF, -28));
    expect(data.trend.d7?.score_change).toBe((data.score ?? Number.NaN) - (data.trend.d7?.score ?? 0));
    const engagement = data.trend.d7?.changes.find((c) => c.dimension === 'engagement');
    expect(engagement?.explanation).toMatch(
      /^engagement \d+→\d+: .*logins \(weekly active users\) down 45% vs prior 4 weeks/,
    );
    const text = renderAnswer(await run(context(), 'score', { account: 'G1' }));
    expect(text).toContain('Globex: health');
    expect(text).toContain('Since a week ago');
  });

  it('asks which account when none is named', async () => {
    await expect(run(context(), 'score', {})).rejects.toThrow(/Which account\?/);
  });
});

describe('health model knowledge', () => {
  it('names the file and the key when the data is invalid', () => {
    expect(() =>
      loadKnowledge(
        'health/health-model.json',
        HealthModel.extend({ extra_required: HealthModel.shape.model_version }),
      ),
    ).toThrow(/knowledge\/health\/health-model.json: extra_required/);
  });
});
