import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIntent } from '../../commands/intent-names.ts';
import { run } from '../../commands/router.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';

/** The playbook's cases on the demo portfolio (200 accounts, seed 42), the same on both drivers. */
describe('the playbook cases on the demo', () => {
  let store: TestStore;
  const ask = <I extends CommandIntent>(intent: I, args: Record<string, unknown> = {}) =>
    run(testContext(store.db, AS_OF), intent, { as_of: AS_OF, ...args });

  beforeAll(async () => {
    store = await openDemoStore(AS_OF);
  });
  afterAll(async () => store.cleanup());

  it('a shipped request that five accounts asked for, each with its release email', async () => {
    const { data } = await ask('shipped_requests');
    expect(
      data.shipped.map((s) => [s.roadmap_key, s.title, s.shipped_on, s.items, s.accounts.length]),
    ).toEqual([['BULK-1', 'Bulk edit for records', '2026-11-12', 5, 5]]);
    expect(data).toMatchObject({ accounts: 5, arr_affected: 442560 });
    const [first] = data.shipped[0]?.accounts ?? [];
    expect(first).toMatchObject({
      account_id: 'ACC-00096',
      name: 'Silver Robotics',
      feedback_id: 'FB-PB-1',
      asked_on: '2026-01-28',
      arr: 94692,
    });
    const email = await ask('draft_email', { account: 'ACC-00096', kind: 'release_note' });
    expect(email.data.subject).toBe('Silver Robotics: Bulk edit for records has shipped');
    expect(email.data.facts).toMatchObject({
      roadmap_key: 'BULK-1',
      shipped_on: '2026-11-12',
      customers_asking: 5,
    });
  });

  it('a customer that was acquired shows a consolidation risk with its play', async () => {
    const { data } = await ask('churn_risk', { account: 'ACC-00012' });
    const acquired = data.indicators.find((i) => i.id === 'acquired_by');
    expect(acquired).toMatchObject({
      fired: true,
      evidence: ['2026-11-03: Acquired by Northwind Holdings; the parent company runs its own CS tooling'],
      category: 'strategic',
    });
    expect(data.save_play?.title).toBe('Consolidation risk after an acquisition');
  });

  it('a customer that acquired a company is an expansion lead', async () => {
    const { data } = await ask('expansion_opportunities', { account: 'ACC-00017' });
    const signal = data.signals.find((s: { id: string }) => s.id === 'acquired_company');
    expect(signal).toMatchObject({
      present: true,
      evidence: [
        '2026-10-20: Acquired Brightline Analytics (about 120 people) and plans to bring them onto the platform',
      ],
    });
  });

  it('a burnt-out champion: one contact on every touchpoint for months', async () => {
    const { data } = await ask('churn_risk', { account: 'ACC-00009' });
    expect(data.indicators.find((i) => i.id === 'champion_burnout')?.evidence).toEqual([
      'Priya Brooks (champion) was the contact on 8 of 8 touchpoints in 120 days, in each of the last 3 months',
      '0 other contact(s) engaged in that time',
    ]);
    expect(data.save_play?.title).toBe("Share the champion's load");
  });

  it('each plan says which stage and strategy it follows, with their steps', async () => {
    const plans = await Promise.all(
      (['success_plan', 'qbr_prep', 'renewal_prep', 'save_play'] as const).map((intent) =>
        ask(intent, { account: 'Acme Corp' }),
      ),
    );
    for (const p of plans)
      expect(p.data.playbook).toMatchObject({
        stage: { id: 'year_3_plus', months_as_customer: 42 },
        strategy: { segment: 'enterprise', strategy: 'relationship-driven' },
        cs_tier: { current: 'enterprise' },
        tier_transition: null,
      });
    expect(plans.map((p) => p.data.playbook.steps[0])).toEqual([
      "Tie the goals to the customer's strategy for next year with the exec sponsor",
      'Run it as an executive business review: their strategy, our roadmap, a joint plan',
      'Propose a multi-year partnership with a consolidated footprint',
      'Escalate exec to exec: a partnership of this length deserves a leadership conversation',
    ]);
    const onboarding = await ask('success_plan', { account: 'Soylent Foods' });
    expect(onboarding.data.playbook.stage).toMatchObject({ id: 'year_1', months_as_customer: 1 });
    expect(onboarding.data.playbook.strategy?.strategy).toBe('process-driven');
  });
});
