import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChurnRiskData } from '../../commands/churn-risk/command.ts';
import type { OnboardingData } from '../../commands/onboarding-plan/command.ts';
import type { QbrPrepData } from '../../commands/qbr-prep/command.ts';
import type { RenewalPrepData } from '../../commands/renewal-prep/command.ts';
import { ask, run } from '../../commands/router.ts';
import type { SavePlayData } from '../../commands/save-play/command.ts';
import type { ScoreData } from '../../commands/score/command.ts';
import type { SuccessPlanData } from '../../commands/success-plan/command.ts';
import type { WinbackData } from '../../commands/winback-plan/command.ts';
import { addDays } from '../../core/calendar.ts';
import { scoreAll } from '../../jobs/score-all.ts';
import { churnRiskConfig, INDICATOR_IDS } from '../../knowledge/churn-risk-config.ts';
import { healthModel } from '../../knowledge/health-model.ts';
import { riskData } from '../../store/repositories/risk-data.ts';
import { healthScore } from '../../tools/health/health-score.ts';
import { leadingIndicators } from '../../tools/risk/leading-indicators.ts';
import { ungroundedFigures } from '../../tools/text/figures.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';
let store: TestStore;
beforeAll(async () => {
  store = await openDemoStore(AS_OF);
});
afterAll(async () => store.cleanup());

describe('health and churn risk on the demo portfolio', () => {
  it('has every tier and every leading indicator on some account', async () => {
    const ids = (
      await store.db.query<{ account_id: string }>("SELECT account_id FROM accounts WHERE status = 'active'")
    ).map((r) => r.account_id);
    const data = await riskData(store.db, AS_OF, ids);
    const scores = data.map((d) => ({ id: d.accountId, tier: healthScore(d, healthModel()).tier }));
    const tiers = new Set(scores.map((s) => s.tier));
    for (const tier of ['at-risk', 'critical', 'healthy', 'thriving']) expect(tiers).toContain(tier);
    // Only an account too new to have data is unscored: its contract started in the last 30 days.
    const unscored = scores.filter((s) => s.tier === 'unscored').map((s) => s.id);
    const starts = await store.db.query<{ contract_start: string }>(
      'SELECT contract_start FROM accounts WHERE account_id = ANY($1::text[])',
      [unscored],
    );
    expect(starts).toHaveLength(unscored.length);
    for (const s of starts) expect(s.contract_start > addDays(AS_OF, -30)).toBe(true);
    const indicators = new Set(
      data.flatMap((d) =>
        leadingIndicators(d, churnRiskConfig())
          .filter((i) => i.fired)
          .map((i) => i.id),
      ),
    );
    expect([...indicators].sort()).toEqual([...INDICATOR_IDS].sort());
  });

  it('explains in words why an account dropped a tier since last week', async () => {
    await scoreAll(store.db, addDays(AS_OF, -28));
    await scoreAll(store.db, AS_OF);
    const [dropped] = await store.db.query<{ account_id: string }>(
      `SELECT now.account_id FROM health_snapshots now JOIN health_snapshots before USING (account_id)
        WHERE now.as_of = $1 AND before.as_of = $2 AND now.score < before.score - 10 ORDER BY now.score - before.score, now.account_id LIMIT 1`,
      [AS_OF, addDays(AS_OF, -28)],
    );
    expect(dropped).toBeDefined();
    const data = (await run(testContext(store.db, AS_OF), 'score', { account: dropped?.account_id }))
      .data as ScoreData;
    const changes = data.trend.d7?.changes ?? [];
    expect(data.trend.d7?.score_change).toBeLessThan(-10);
    expect(changes.length).toBeGreaterThan(0);
    // Sentences like "engagement 7→3: logins (weekly active users) down 38% vs prior 4 weeks".
    expect(changes[0]?.explanation).toMatch(/^[a-z ]+ \d+→\d+: [a-z]/);
  });

  it('finds Globex critical for its scripted reasons and recommends the champion-left save play', async () => {
    const data = (await run(testContext(store.db, AS_OF), 'churn_risk', { account: 'Globex' }))
      .data as ChurnRiskData;
    const fired = data.indicators.filter((i) => i.fired).map((i) => i.id);
    expect(fired).toEqual(
      expect.arrayContaining(['champion_left', 'competitor_evaluation', 'usage_decline']),
    );
    expect(data.level).toBe('critical');
    expect(data.save_play?.steps.length).toBeGreaterThan(0);
  });

  it('plans Globex’s rescue as dated steps with owners, and tells a healthy account none is needed', async () => {
    const ctx = testContext(store.db, AS_OF);
    const globex = (await ask(ctx, 'save play for globex')).data as SavePlayData;
    expect(globex).toMatchObject({ needed: true, urgency: 'same-day escalation' });
    expect(globex.steps[0]?.due).toBe(AS_OF);
    expect(globex.steps.every((s) => s.owner.includes('@'))).toBe(true);
    const [healthy] = await store.db.query<{ account_id: string }>(
      "SELECT account_id FROM health_snapshots WHERE as_of = $1 AND tier = 'thriving' ORDER BY account_id LIMIT 1",
      [AS_OF],
    );
    const calm = (await run(ctx, 'save_play', { account: healthy?.account_id })).data as SavePlayData;
    if (!calm.needed) expect(calm.triggers[0]).toContain('health falls below 60');
    else expect(calm.risk_level === 'high' || calm.risk_level === 'critical').toBe(true);
  });

  it('prepares Hooli’s renewal from its date, and says a monthly contract has nothing to prepare', async () => {
    const ctx = testContext(store.db, AS_OF);
    const hooli = (await ask(ctx, 'renewal prep for hooli')).data as RenewalPrepData;
    expect(hooli).toMatchObject({
      applicable: true,
      renewal_date: '2026-12-14',
      days_to_renewal: 20,
      contract_term: 'annual',
    });
    expect(hooli.timeline.map((s) => s.date)).toEqual([
      '2026-09-15',
      '2026-09-30',
      '2026-10-15',
      '2026-10-30',
      '2026-11-14',
      '2026-11-30',
      '2026-12-07',
    ]);
    expect(hooli.timeline.at(-1)?.status).toBe('upcoming');
    expect(hooli.timeline.filter((s) => s.status === 'done').every((s) => s.evidence !== null)).toBe(true);
    expect(
      hooli.timeline
        .filter((s) => s.date < AS_OF)
        .every((s) => s.status === 'done' || s.status === 'overdue'),
    ).toBe(true);
    const wonka = (await run(ctx, 'renewal_prep', { account: 'Wonka Labs' })).data as RenewalPrepData;
    expect(wonka).toMatchObject({ applicable: false, timeline: [] });
    expect(wonka.message).toContain('monthly contract');
  });

  it('plans a win-back for Umbrella Health and tells an active account it has not churned', async () => {
    const ctx = testContext(store.db, AS_OF);
    const umbrella = (await ask(ctx, 'win-back plan for umbrella health')).data as WinbackData;
    expect(umbrella).toMatchObject({ churned: true, churn_reason: 'competitor', bucket: { id: '90_180' } });
    expect(umbrella.emails.map((e) => e.send_on)).toEqual(['2026-11-24', '2026-12-08', '2026-12-29']);
    const acme = (await run(ctx, 'winback_plan', { account: 'Acme Corp' })).data as WinbackData;
    expect(acme.churned).toBe(false);
    expect(acme.message).toContain('save play for Acme Corp');
  });

  it('shows Soylent Foods’ onboarding: dated milestones, the blocked integration and the risks firing', async () => {
    const data = (await ask(testContext(store.db, AS_OF), 'onboarding plan for soylent foods'))
      .data as OnboardingData;
    expect(data).toMatchObject({ in_onboarding: true, day: 36, segment: 'mid-market', ttfv_days: 30 });
    expect(data.milestones.find((m) => m.title.startsWith('Integrations'))?.status).toBe('blocked');
    expect(data.risk_signals.map((r) => r.label)).toEqual(
      expect.arrayContaining(['Onboarding: kickoff delayed', 'Onboarding: integration failed']),
    );
  });

  it('prepares a data-filled 60-minute QBR and success plan for an account of every segment, with a grounded follow-up email', async () => {
    const ctx = testContext(store.db, AS_OF);
    const picks = await store.db.query<{ account_id: string; segment: string }>(
      `SELECT DISTINCT ON (segment) account_id, segment FROM accounts WHERE status = 'active' ORDER BY segment, account_id`,
    );
    expect(picks.map((p) => p.segment).sort()).toEqual(['enterprise', 'mid-market', 'self-serve', 'smb']);
    for (const pick of picks) {
      const data = (await run(ctx, 'qbr_prep', { account: pick.account_id })).data as QbrPrepData;
      expect(data.segment).toBe(pick.segment);
      expect(data.agenda.reduce((s, a) => s + a.minutes, 0)).toBe(60);
      expect(data.agenda.every((a) => a.content.length > 0)).toBe(true);
      expect(data.health.history.map((h) => h.as_of)).toEqual([addDays(AS_OF, -30), addDays(AS_OF, -90)]);
      const contacts = await store.db.query<{ name: string }>(
        'SELECT name FROM contacts WHERE account_id = $1',
        [pick.account_id],
      );
      for (const person of data.attendees.customer)
        expect(contacts.map((c) => c.name)).toContain(person.name);
      const plan = (await run(ctx, 'success_plan', { account: pick.account_id })).data as SuccessPlanData;
      expect(plan.segment).toBe(pick.segment);
      expect(plan.objectives.length).toBeGreaterThan(0);
      expect(plan.next_review.date >= AS_OF).toBe(true);
      // Every figure in the email is a figure the tools produced for this answer.
      const { follow_up_email: email, ...facts } = data;
      expect(ungroundedFigures(`${email.subject}\n${email.body}`, facts)).toEqual([]);
      expect(email.body).toContain(
        data.goals.length === 0
          ? 'write down the success-plan goals'
          : `${data.goals.filter((g) => g.score === 'achieved').length} of ${data.goals.length} success-plan goals achieved`,
      );
    }
  });

  it('scores Initech’s recorded goals, drafts a plan for Hooli and saves it once with --save', async () => {
    const ctx = testContext(store.db, AS_OF);
    const initech = (await ask(ctx, 'success plan for initech')).data as SuccessPlanData;
    const stored = await store.db.query<{ goal_id: string }>(
      "SELECT goal_id FROM goals WHERE account_id = 'ACC-00003' ORDER BY goal_id",
    );
    expect(initech.source).toBe('recorded');
    expect(initech.objectives.map((o) => o.goal_id).sort()).toEqual(stored.map((g) => g.goal_id));
    expect(initech.objectives.every((o) => o.score !== null && o.reason.length > 0)).toBe(true);

    const draft = (await run(ctx, 'success_plan', { account: 'Hooli' })).data as SuccessPlanData;
    expect(draft).toMatchObject({ source: 'draft', saved: false, plan_start: AS_OF });
    expect(draft.objectives.length).toBeGreaterThan(0);
    expect(
      draft.objectives.every((o) => o.baseline !== null && o.target !== null && o.target > o.baseline),
    ).toBe(true);
    expect(await tableCount('goals', 'ACC-00004')).toBe(0);

    const saved = (await run(ctx, 'success_plan', { account: 'Hooli', save: true })).data as SuccessPlanData;
    expect(saved).toMatchObject({ source: 'draft', saved: true });
    expect(await tableCount('goals', 'ACC-00004')).toBe(draft.objectives.length);
    const again = (await run(ctx, 'success_plan', { account: 'Hooli', save: true })).data as SuccessPlanData;
    expect(again.source).toBe('recorded');
    expect(again.message).toContain('Nothing was written');
    expect(await tableCount('goals', 'ACC-00004')).toBe(draft.objectives.length);
    expect(again.objectives.map((o) => o.target)).toEqual(draft.objectives.map((o) => o.target));
  });
});

async function tableCount(table: 'goals', accountId: string): Promise<number> {
  const [row] = await store.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${table} WHERE account_id = $1`,
    [accountId],
  );
  return row?.n ?? -1;
}
