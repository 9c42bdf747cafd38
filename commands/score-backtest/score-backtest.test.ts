import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../core/calendar.ts';
import { backfillOn, demoHistoryDays } from '../../jobs/score-all.ts';
import { backtestSettings } from '../../knowledge/backtest-settings.ts';
import { healthModel } from '../../knowledge/health-model.ts';
import { saveChurnModel } from '../../store/repositories/churn-models.ts';
import { findUser, type TeamUser } from '../../store/repositories/users.ts';
import { testContext } from '../../test/helpers/command-context.ts';
import { openDemoStore, type TestStore } from '../../test/helpers/test-db.ts';
import { renderAnswer } from '../answer-text.ts';
import { teamActor } from '../context.ts';
import { ask, run } from '../router.ts';
import type { ScoreBacktestData } from './command.ts';
import { compareHealthModels, fitChurnModelOnSnapshots, readProposal } from './model-evidence.ts';

// A fixed day: the demo and every figure are functions of it, never of the real date.
const TODAY = '2026-11-24';
let store: TestStore;
const context = () => testContext(store.db, TODAY);

beforeAll(async () => {
  store = await openDemoStore(TODAY, 200, 42);
  // The demo's own history: weekly for 26 weeks, and the 6 month-ends before.
  await backfillOn(store.db, demoHistoryDays(TODAY, 26, 6));
}, 240_000);
afterAll(async () => store.cleanup());

/** The AUC by its definition: over every (lost, kept) pair, 1 when the lost one scored lower, ½ on a tie. */
function pairwiseAuc(rows: readonly { score: number; churned: boolean }[]): number {
  const lost = rows.filter((r) => r.churned);
  const kept = rows.filter((r) => !r.churned);
  let wins = 0;
  for (const l of lost) for (const k of kept) wins += l.score < k.score ? 1 : l.score === k.score ? 0.5 : 0;
  return wins / (lost.length * kept.length);
}

describe('score backtest on the demo', () => {
  let data: ScoreBacktestData;
  beforeAll(async () => {
    data = (await run(context(), 'score_backtest', {})).data as ScoreBacktestData;
  }, 120_000);

  it('judges every monthly cutoff whose 90 days have ended, and gives one observation per account and cutoff', () => {
    expect(data.cutoffs.length).toBeGreaterThanOrEqual(8);
    for (const c of data.cutoffs) expect(addDays(c, 90) <= TODAY).toBe(true);
    for (const c of data.pending_cutoffs) expect(addDays(c, 90) > TODAY).toBe(true);
    const keys = new Set(data.observations.map((o) => `${o.account_id}|${o.cutoff}`));
    expect(keys.size).toBe(data.observations.length);
    expect(data.observation_count).toBe(data.observations.length);
    expect(data.tiers.reduce((s, t) => s + t.observations, 0)).toBe(data.observation_count);
    expect(data.tiers.reduce((s, t) => s + t.churned, 0)).toBe(
      data.observations.filter((o) => o.churned).length,
    );
  });

  it('recomputes to the same AUC from the observations rows with an independent (pairwise) implementation', () => {
    const scored = data.observations.flatMap((o) =>
      o.score === null ? [] : [{ score: o.score, churned: o.churned }],
    );
    expect(scored.length).toBe(data.scored);
    expect(data.auc.value).not.toBeNull();
    expect(pairwiseAuc(scored)).toBeCloseTo(data.auc.value as number, 12);
    expect(data.auc.ci?.low).toBeLessThan(data.auc.value as number);
    expect(data.auc.ci?.high).toBeGreaterThan(data.auc.value as number);
  });

  it('shows churn rates falling from critical to at-risk to healthy, each rate k/n of its rows', () => {
    const rate = (tier: string) => data.tiers.find((t) => t.tier === tier)?.rate ?? Number.NaN;
    expect(rate('critical')).toBeGreaterThan(rate('at-risk'));
    expect(rate('at-risk')).toBeGreaterThan(rate('healthy'));
    for (const t of data.tiers) {
      const rows = data.observations.filter((o) => o.tier === t.tier);
      expect(t.churned).toBe(rows.filter((o) => o.churned).length);
    }
    // Every dimension is ranked, the strongest first and named.
    expect(data.dimensions.map((d) => d.signal).sort()).toEqual([
      'engagement',
      'financial',
      'outcomes',
      'product_usage',
      'relationship',
    ]);
    expect(data.strongest_signal?.signal).toBe(data.dimensions[0]?.signal);
  });

  it('answers "how good is our health score?" in words: the headline figure first, then the tables', async () => {
    const answer = await ask(context(), 'how good is our health score?');
    expect(answer.intent).toBe('score_backtest');
    const text = renderAnswer(answer);
    expect(text.split('\n')[0]).toBe(
      `Health score backtest — AUC ${data.auc.value?.toFixed(3)} (95 % ${data.auc.ci?.low.toFixed(3)}–${data.auc.ci?.high.toFixed(3)})`,
    );
    expect(text).toContain('Churn rate by tier (95 % Wilson interval):');
    expect(text).toContain(`strongest: ${data.strongest_signal?.signal.replaceAll('_', ' ')}`);
    expect(text).toContain('No one has disagreed with a score yet');
  });

  it('audits the data: every demo customer has usage, no churned account lacks its date, and contacts keep one engagement date', async () => {
    expect(data.data_quality.churned_without_date).toBe(0);
    expect(data.data_quality.customers_without_usage).toBe(0);
    expect(data.data_quality.customers).toBe(200);
    const contacts = await store.db.query<{ last_engaged_at: string | null }>(
      'SELECT last_engaged_at FROM contacts',
    );
    const first = data.cutoffs[0] as string;
    expect(data.data_quality.contacts_engaged_after_first_cutoff).toEqual({
      contacts: contacts.filter((c) => c.last_engaged_at !== null && c.last_engaged_at > first).length,
      of: contacts.length,
    });
  });

  it('reports what happened after a Disagree: an account marked healthier that churned counts as lost', async () => {
    const lost = data.observations.find((o) => o.outcome === 'churned' && o.score !== null);
    expect(lost).toBeDefined();
    const { account_id: id, cutoff } = lost as (typeof data.observations)[number];
    await run(context(), 'disagree_score', { account: id, reason: 'score_too_low', as_of: cutoff });
    const after = (await run(context(), 'score_backtest', {})).data as ScoreBacktestData;
    expect(after.disagreements).toEqual([
      expect.objectContaining({
        reason: 'score_too_low',
        disagreements: 1,
        accounts: 1,
        lost: 1,
        retained: 0,
        pending: 0,
      }),
    ]);
  }, 120_000);
});

describe('a CSM and the backtest', () => {
  it("gives a CSM the backtest of their own book, and refuses another CSM's", async () => {
    const [victor] = await store.db.query<{ user_id: string; email: string }>(
      "SELECT u.user_id, u.email FROM users u WHERE u.role = 'csm' AND EXISTS (SELECT 1 FROM accounts a WHERE a.csm = u.email) ORDER BY user_id LIMIT 1",
    );
    const [other] = await store.db.query<{ user_id: string; name: string }>(
      "SELECT user_id, name FROM users WHERE role = 'csm' AND user_id <> $1 ORDER BY user_id LIMIT 1",
      [victor?.user_id],
    );
    const user = (await findUser(store.db, victor?.user_id ?? '')) as TeamUser;
    const asCsm = testContext(store.db, TODAY, { actor: teamActor(user) });
    const own = (await run(asCsm, 'score_backtest', {})).data as ScoreBacktestData;
    const team = (await run(context(), 'score_backtest', {})).data as ScoreBacktestData;
    expect(own.scope).toEqual({ book: 'csm', csm: victor?.user_id, segment: null });
    const book = new Set(
      (
        await store.db.query<{ account_id: string }>('SELECT account_id FROM accounts WHERE csm = $1', [
          victor?.email,
        ])
      ).map((r) => r.account_id),
    );
    expect(own.observation_count).toBe(team.observations.filter((o) => book.has(o.account_id)).length);
    await expect(run(asCsm, 'score_backtest', { csm: other?.user_id })).rejects.toThrow(
      `${other?.name}'s book`,
    );
  }, 120_000);
});

describe('proposal files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cse-proposal-'));
  const write = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, typeof body === 'string' ? body : JSON.stringify(body));
    return path;
  };

  it('reads only the keys that change over the current model, and names the file and key of a bad one', () => {
    const current = healthModel();
    const proposed = readProposal(
      write('ok.json', { model_version: 'usage-heavy', tiers: { thriving: 85, healthy: 60, 'at-risk': 40 } }),
      current,
    );
    expect(proposed).toEqual({
      ...current,
      model_version: 'usage-heavy',
      tiers: { thriving: 85, healthy: 60, 'at-risk': 40 },
    });
    const bad = write('bad.json', { model_version: 'x', evidence: { min_weight_coverage: 0, sources: {} } });
    expect(() => readProposal(bad, current)).toThrow(`${bad}: evidence.sources.product_usage`);
    expect(() => readProposal(write('same.json', { weights: current.weights }), current)).toThrow(
      `model_version must name a new version (the current one is ${current.model_version})`,
    );
    expect(() => readProposal(write('broken.json', '{"model_version": '), current)).toThrow(/broken\.json: /);
    expect(() => readProposal(join(dir, 'missing.json'), current)).toThrow(/missing\.json: ENOENT/);
  });
});

describe('learned churn model and proposals', () => {
  it('fits out of time, is shown beside the rules, and churn_risk shows or withholds its probability with the reason', async () => {
    const fit = await fitChurnModelOnSnapshots(store.db, TODAY);
    expect((fit.train.cutoffs.at(-1) as string) < (fit.validation.cutoffs[0] as string)).toBe(true);
    expect(fit.validation.learned.auc).not.toBeNull();
    expect(fit.validation.rules.auc).not.toBeNull();
    const before = (await run(context(), 'churn_risk', { account: 'Initech' })).data;
    expect(before.probability).toEqual({
      shown: false,
      reason: 'no churn model has been fitted yet (cse model fit, after a back-fill of snapshots)',
    });
    await saveChurnModel(store.db, fit, {
      fittedAt: `${TODAY}T12:00:00.000Z`,
      fittedBy: 'local:test',
      horizonDays: 90,
    });
    const answers = await Promise.all(
      ['Initech', 'Globex', 'Acme Corp', 'Hooli', 'Tyrell Systems', 'Wonka Labs'].map(
        async (name) => (await run(context(), 'churn_risk', { account: name })).data.probability,
      ),
    );
    // The model-level gate decides for every account alike; past it, each account's validation bin does.
    const gate = backtestSettings().churn_model.show_probability;
    const v = fit.validation;
    const modelPasses =
      v.observations >= gate.min_validation_observations &&
      v.churned >= gate.min_validation_churned &&
      v.calibration_error !== null &&
      v.calibration_error <= gate.max_calibration_error;
    if (!modelPasses) for (const a of answers) expect(a.shown).toBe(false);
    for (const a of answers) {
      if (!a.shown) {
        expect(a.reason).toMatch(/validation|calibration|lost|probability near/);
        continue;
      }
      expect(a.model_id).toBe('CM-0001');
      expect(a.probability).toBeGreaterThanOrEqual(a.evidence.from);
      expect(a.probability).toBeLessThanOrEqual(a.evidence.to);
      expect(a.evidence.observations).toBeGreaterThanOrEqual(30);
      const bin = fit.validation.reliability.find((b) => b.from === a.evidence.from);
      expect(a.evidence.churned).toBe(Math.round((bin?.observed ?? 0) * (bin?.observations ?? 0)));
    }
  }, 120_000);

  it('judges a proposal against the current model on the same rescored history: all weight on tickets and touches is worse', async () => {
    const current = healthModel();
    const same = await compareHealthModels(store.db, TODAY, current, { ...current, model_version: 'same' });
    expect(same.auc_change).toBe(0);
    expect(same.verdict).toBe('better_or_equal');
    const engagementOnly = { product_usage: 0, engagement: 100, relationship: 0, outcomes: 0, financial: 0 };
    const worse = await compareHealthModels(store.db, TODAY, current, {
      ...current,
      model_version: 'engagement-only',
      evidence: { ...current.evidence, min_weight_coverage: 0 },
      weights: { default: engagementOnly },
    });
    expect(worse.auc_change).not.toBeNull();
    expect(worse.auc_change as number).toBeLessThan(-worse.max_auc_drop);
    expect(worse.verdict).toBe('worse');
    expect(worse.proposed.report.auc.value).toBeLessThan(worse.current.report.auc.value as number);
  }, 240_000);
});
