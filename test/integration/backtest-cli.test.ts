import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { TEST_AS_OF } from '../helpers/slack-app';
import { cliTestStore } from '../helpers/test-db';

/** `cse backtest`, `cse model fit` and `cse health propose` as an operator and a CSM use them. */
let env: Record<string, string>;
let cleanup: () => Promise<void>;
const dir = mkdtempSync(join(tmpdir(), 'cse-proposals-'));
const proposal = (name: string, body: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(body));
  return path;
};

beforeAll(async () => {
  ({ env, cleanup } = await cliTestStore());
  env = { ...env, CSE_NOW: `${TEST_AS_OF}T09:00:00Z` };
  expect((await runCli(['demo', '--accounts', '120'], env)).code).toBe(0);
}, 240_000);
afterAll(async () => cleanup());

describe('cse backtest', () => {
  it('prints the DESIGN §12 fields with --json, one observation per account and cutoff', async () => {
    const out = await runCli(['backtest', '--json'], env);
    expect(out.code, out.stderr).toBe(0);
    const report = JSON.parse(out.stdout);
    for (const field of ['auc', 'tiers', 'deciles', 'brier', 'reliability', 'dimensions', 'observations'])
      expect(report).toHaveProperty(field);
    expect(Object.keys(report.auc)).toEqual(['value', 'ci']);
    expect(Object.keys(report.tiers[0])).toEqual(['tier', 'observations', 'churned', 'rate', 'ci']);
    expect(Object.keys(report.observations[0])).toEqual([
      'account_id',
      'cutoff',
      'score',
      'tier',
      'churned',
      'outcome',
    ]);
    expect(report.observations).toHaveLength(report.observation_count);
    expect(report.provenance.reproduce).toBe('cse run score_backtest');
  });

  it("gives a CSM their own book's backtest and refuses another CSM's", async () => {
    const own = JSON.parse((await runCli(['backtest', '--json', '--as', 'victor.rossi'], env)).stdout);
    const team = JSON.parse((await runCli(['backtest', '--json'], env)).stdout);
    expect(own.scope).toEqual({ book: 'csm', csm: 'victor.rossi', segment: null });
    expect(own.observation_count).toBeGreaterThan(0);
    expect(own.observation_count).toBeLessThan(team.observation_count);
    const other = await runCli(['backtest', '--as', 'victor.rossi', '--csm', 'priya.kim'], env);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("Priya Kim's book");
  });

  it('answers "how good is our health score?" in words, with the Disagree report', async () => {
    const out = await runCli(['ask', 'how good is our health score?'], env);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout).toMatch(
      /^Health score backtest — AUC 0\.\d{3} \(95 % 0\.\d{3}–0\.\d{3}\)\n[\d,]+ account-months at \d+ monthly cutoffs/,
    );
    expect(out.stdout).toMatch(/AUC 0\.\d{3} \(95 % bootstrap interval 0\.\d{3}–0\.\d{3}\)/);
    expect(out.stdout).toContain('No one has disagreed with a score yet');
  });
});

describe('cse model fit and cse health propose', () => {
  it('fits the learned model beside the rules and stores it for churn_risk', async () => {
    const out = await runCli(['model', 'fit', '--json'], env);
    expect(out.code, out.stderr).toBe(0);
    const fit = JSON.parse(out.stdout);
    expect(fit.model_id).toBe('CM-0001');
    expect(Object.keys(fit.validation.learned)).toEqual(['auc', 'brier', 'top_decile_lift']);
    expect(Object.keys(fit.validation.rules)).toEqual(['auc', 'brier', 'top_decile_lift']);
    const risk = JSON.parse(
      (await runCli(['run', 'churn_risk', '--account', 'Initech', '--json'], env)).stdout,
    );
    const p = risk.data.probability;
    expect(p.shown ? p.model_id : p.reason).toMatch(/^CM-0001$|validation|calibration|lost|near this one/);
  });

  it('refuses to accept a proposal that lowers the AUC, and audits the refusal', async () => {
    const worse = proposal('worse.json', {
      model_version: 'engagement-only',
      evidence: { min_weight_coverage: 0, sources: {} },
      weights: { default: { product_usage: 0, engagement: 100, relationship: 0, outcomes: 0, financial: 0 } },
    });
    const bad = await runCli(['health', 'propose', worse], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('evidence.sources.product_usage');
    const file = proposal('worse-ok.json', {
      model_version: 'engagement-only',
      weights: { default: { product_usage: 0, engagement: 100, relationship: 0, outcomes: 0, financial: 0 } },
    });
    const refused = await runCli(['health', 'propose', file, '--accept', '--reason', 'try it'], env);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('engagement-only (proposed)');
    expect(refused.stderr).toMatch(
      /Refused: engagement-only lowers the AUC by 0\.\d{3}, more than the 0\.01 allowed/,
    );
    const audit = (await runCli(['audit', '--json', '--limit', '5'], env)).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { intent: string; outcome: string; args: Record<string, unknown> });
    const refusal = audit.find((e) => e.intent === 'accept_health_model');
    expect(refusal?.outcome).toBe('error');
    expect(refusal?.args).toMatchObject({
      model_version: 'engagement-only',
      replaces: 'seed-2',
      reason: 'try it',
    });
    const score = JSON.parse((await runCli(['run', 'score', '--account', 'Initech', '--json'], env)).stdout);
    expect(score.data.model_version).toBe('seed-2');
  });

  it('accepts a proposal that is not worse as a new model version that answers then name', async () => {
    const same = proposal('same.json', { model_version: 'seed-2-reviewed' });
    const noReason = await runCli(['health', 'propose', same, '--accept'], env);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain('--accept needs --reason');
    const ok = await runCli(
      ['health', 'propose', same, '--accept', '--reason', 'reviewed against our history'],
      env,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Accepted: health model seed-2-reviewed replaces seed-2');
    const score = JSON.parse((await runCli(['run', 'score', '--account', 'Initech', '--json'], env)).stdout);
    expect(score.data.model_version).toBe('seed-2-reviewed');
    const audit = (await runCli(['audit', '--json', '--limit', '20'], env)).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { intent: string; outcome: string; args: Record<string, unknown> });
    const accepted = audit.find((e) => e.intent === 'accept_health_model' && e.outcome === 'ok');
    expect(accepted?.outcome).toBe('ok');
    expect(accepted?.args).toMatchObject({
      model_version: 'seed-2-reviewed',
      replaces: 'seed-2',
      reason: 'reviewed against our history',
      auc_change: 0,
    });
    const again = await runCli(['health', 'propose', same, '--accept', '--reason', 'again'], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('model_version must name a new version');
  });
});
