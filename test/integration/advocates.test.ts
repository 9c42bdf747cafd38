import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../commands/router.ts';
import { backfillOn } from '../../jobs/score-all.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';

/** `advocates` on the demo portfolio (200 accounts, seed 42), the same on both drivers. */
describe('advocates: who to ask for a reference, a review, a case study or a board seat', () => {
  let store: TestStore;
  const ask = (args: Record<string, unknown> = {}) =>
    run(testContext(store.db, AS_OF), 'advocates', { as_of: AS_OF, ...args });

  beforeAll(async () => {
    store = await openDemoStore(AS_OF);
    // The day's health snapshot, as `cse demo` and the scheduler store it.
    await backfillOn(store.db, [AS_OF]);
  });
  afterAll(async () => {
    await store.cleanup();
  });

  it('ranks board candidates, then promoters, each with the ask that fits and its evidence', async () => {
    const { data } = await ask();
    expect({ accounts: data.accounts, promoters: data.promoters, board: data.board_eligible }).toEqual({
      accounts: 173,
      promoters: 17,
      board: 7,
    });
    expect(data.candidates.map((c) => [c.account_id, c.ask])).toEqual([
      ['ACC-00102', 'advisory_board'],
      ['ACC-00087', 'advisory_board'],
      ['ACC-00010', 'advisory_board'],
      ['ACC-00004', 'advisory_board'],
      ['ACC-00062', 'advisory_board'],
      ['ACC-00001', 'advisory_board'],
      ['ACC-00057', 'review'],
      ['ACC-00180', 'review'],
      ['ACC-00155', 'review'],
      ['ACC-00200', 'review'],
    ]);
    const [first] = data.candidates;
    expect(first).toMatchObject({
      name: 'Indigo Health',
      segment: 'enterprise',
      promoter: true,
      board_eligible: true,
      nps: { score: 10, feedback_id: 'FB-000174' },
      health: { score: 81, tier: 'thriving', as_of: AS_OF },
      months_active: 17,
      last_ask: null,
      cooling_down: false,
      draft_command: `cse run draft_email --kind advocacy_ask --account ACC-00102 --as-of ${AS_OF}`,
    });
    expect(first?.reasons).toEqual([
      'promoter: NPS 10 on 2026-10-25 (FB-000174)',
      'health 81 (thriving) as of 2026-11-24',
      'customer for 17 months (since 2025-06-23)',
      'advisory-board criteria met: enterprise segment, 2 feedback item(s) in 180 days',
    ]);
    expect(first?.draft?.body).toContain('Thank you for the 10 out of 10 you gave us on 2026-10-25.');
    expect(first?.draft?.body).toContain('customer advisory board');
    // Drafts are written out for the first three; the rest carry the command.
    expect(data.candidates.map((c) => c.draft !== null)).toEqual([true, true, true, ...Array(7).fill(false)]);
  });

  it('holds back promoters with open P1/P2 tickets, an at-risk tier or a churn sign, and says why', async () => {
    const { data } = await ask();
    expect(data.held_back.slice(0, 5)).toEqual([
      { account_id: 'ACC-00007', name: 'Wonka Labs', reasons: ['health tier at-risk (as of 2026-11-24)'] },
      { account_id: 'ACC-00008', name: 'Tyrell Systems', reasons: ['1 open P2 ticket(s)'] },
      { account_id: 'ACC-00046', name: 'Aurora Studios', reasons: ['1 open P2 ticket(s)'] },
      { account_id: 'ACC-00066', name: 'Summit Studios', reasons: ['1 open P2 ticket(s)'] },
      { account_id: 'ACC-00071', name: 'Blue Travel', reasons: ['payment failed in the last 90 days'] },
    ]);
    expect(data.held_back).toHaveLength(10);
    for (const h of data.held_back)
      expect(data.candidates.map((c) => c.account_id)).not.toContain(h.account_id);
  });

  it('knows the last ask from touchpoints and cools an account down; filters by ask', async () => {
    await store.db.query(
      `INSERT INTO touchpoints (touchpoint_id, account_id, at, kind, by, attributes)
       VALUES ('TP-ADV-1', 'ACC-00102', '2026-10-01T15:00:00Z', 'call', 'csm', '{"topic": "reference_call"}')`,
    );
    const { data } = await ask({ ask: 'advisory_board' });
    expect(data.candidates).toHaveLength(6);
    expect(data.candidates[0]).toMatchObject({
      account_id: 'ACC-00102',
      last_ask: { at: '2026-10-01T15:00:00.000Z', topic: 'reference_call' },
      cooling_down: true,
      draft: null,
    });
    const reviews = await ask({ ask: 'review', limit: 2 });
    expect(reviews.data.candidates.map((c) => c.account_id)).toEqual(['ACC-00057', 'ACC-00180']);
  });

  it('drafts the ask through the grounded email path, and refuses one for an account that is held back', async () => {
    const ctx = testContext(store.db, AS_OF);
    const email = await run(ctx, 'draft_email', { kind: 'advocacy_ask', account: 'ACC-00087', as_of: AS_OF });
    expect(email.data).toMatchObject({
      kind: 'advocacy_ask',
      via: 'template',
      subject: 'Ember Insurance: would you share your experience?',
      facts: { ask: 'advisory_board', thanks_line: 'the 9 out of 10 you gave us on 2026-08-05' },
      source: `cse run advocates --as-of ${AS_OF}`,
    });
    await expect(
      run(ctx, 'draft_email', { kind: 'advocacy_ask', account: 'ACC-00008', as_of: AS_OF }),
    ).rejects.toThrow('No advocacy ask for Tyrell Systems as of 2026-11-24: 1 open P2 ticket(s)');
  });
});
