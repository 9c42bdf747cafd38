import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../core/calendar.ts';
import { localPairModel } from '../../tools/feedback/local-models.ts';
import { runCli } from '../helpers/run-cli.ts';
import { TEST_AS_OF } from '../helpers/slack-app.ts';
import { cliTestStore } from '../helpers/test-db.ts';

/** `cse demo`, `cse tick`, `cse alerts` (and the evidence commands) as a person uses them: their rights, their book, the JSON contract. */
let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ env, cleanup } = await cliTestStore());
  env = { ...env, CSE_NOW: `${TEST_AS_OF}T09:00:00Z` };
  expect((await runCli(['demo', '--accounts', '60'], env)).code).toBe(0);
});
afterAll(async () => cleanup());

const alertsOf = async (args: string[]) => {
  const out = await runCli(['alerts', '--json', ...args], env);
  expect(out.code, out.stderr).toBe(0);
  return out.stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(
      (l) =>
        JSON.parse(l) as {
          alert_id: string;
          account: string;
          owner: string | null;
          state: string;
          rule: string;
        },
    );
};

describe('cse feedback export', () => {
  it('lists each item with the possible duplicates shown to its owner, most probable first, with their probability', async () => {
    const out = await runCli(['feedback', 'export'], env);
    expect(out.code, out.stderr).toBe(0);
    const items = out.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            feedback_id: string;
            canonical_id: string | null;
            merge_probability: number | null;
            suggestions: { feedback_id: string; probability: number; similarity: number }[];
          },
      );
    const ids = new Set(items.map((i) => i.feedback_id));
    const withSuggestions = items.filter((i) => i.suggestions.length > 0);
    expect(withSuggestions.length).toBeGreaterThan(5);
    for (const item of withSuggestions) {
      expect(item.canonical_id).toBeNull();
      expect(item.suggestions.length).toBeLessThanOrEqual(3);
      const p = item.suggestions.map((s) => s.probability);
      expect(p).toEqual([...p].sort((a, b) => b - a));
      for (const s of item.suggestions) {
        expect(ids.has(s.feedback_id)).toBe(true);
        expect(s.feedback_id).not.toBe(item.feedback_id);
        expect(s.probability).toBeGreaterThanOrEqual(localPairModel().suggestFrom);
        expect(s.probability).toBeLessThan(localPairModel().mergeFrom);
      }
    }
    // Merges are the similarity rule's while the shipped pair model merges nothing (merge_from 1).
    expect(items.filter((i) => i.merge_probability !== null)).toEqual([]);
  });
});

describe('cse alerts', () => {
  it('the demo ran its first day, so a second tick on it raises, updates and resolves nothing', async () => {
    const all = await alertsOf([]);
    expect(all.length).toBeGreaterThan(20);
    expect(Object.keys(all[0] ?? {})).toEqual(
      expect.arrayContaining([
        'alert_id',
        'rule',
        'account_id',
        'owner',
        'severity',
        'state',
        'reason',
        'evidence',
        'since',
      ]),
    );
    const tick = await runCli(['tick', '--json'], env);
    expect(tick.code, tick.stderr).toBe(0);
    expect(tick.stdout).toBe('');
  });

  it('refuses to tick a day before the last one run, and replays it on request without changing an alert or sending anything', async () => {
    const before = await alertsOf(['--state', 'all']);
    const earlier = addDays(TEST_AS_OF, -3);
    const refused = await runCli(['tick', '--as-of', earlier], env);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `${earlier} is before the last day run (${TEST_AS_OF}): ticking it would resolve and raise alerts out of order`,
    );
    expect(refused.stderr).toContain(`cse tick --as-of ${earlier} --replay`);
    const replay = await runCli(['tick', '--as-of', earlier, '--replay'], env);
    expect(replay.code, replay.stderr).toBe(0);
    expect(replay.stdout).toMatch(
      new RegExp(
        `^Replay of ${earlier}: \\d+ accounts snapshotted again; \\d+ alert condition\\(s\\) held that day\\. No alert was raised, changed or resolved, and nothing was sent\\.`,
      ),
    );
    const json = await runCli(['tick', '--as-of', earlier, '--replay', '--json'], env);
    const conditions = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { rule: string; account_id: string });
    expect(conditions.length).toBeGreaterThan(0);
    expect(await alertsOf(['--state', 'all'])).toEqual(before);
  });

  it('shows a CSM their own book only, and lets no one change an alert outside it', async () => {
    const mine = await alertsOf(['--as', 'victor.rossi']);
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((a) => a.owner))).toEqual(new Set(['victor.rossi']));
    const target = mine[0]?.alert_id ?? '';
    // --as after the sub-command and before it: both are that person, both refused.
    for (const args of [
      ['alerts', 'ack', target, '--as', 'priya.kim'],
      ['alerts', '--as', 'priya.kim', 'ack', target],
    ]) {
      const refused = await runCli(args, env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`${target} is on an account outside your book`);
      expect(refused.stderr).not.toContain('Victor Rossi');
    }
    const ok = await runCli(['alerts', 'snooze', target, '--until', 'inputs', '--as', 'victor.rossi'], env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain(`Snoozed ${target}`);
    expect((await alertsOf(['--state', 'snoozed'])).map((a) => a.alert_id)).toEqual([target]);
    const audit = await runCli(['audit', '--json', '--limit', '10'], env);
    const writes = audit.stdout
      .trim()
      .split('\n')
      .map(
        (l) => JSON.parse(l) as { actor: string; intent: string; outcome: string; error_code: string | null },
      )
      .filter((e) => e.intent === 'update_alert');
    expect(writes.map((e) => [e.actor, e.outcome, e.error_code])).toEqual([
      ['victor.rossi', 'ok', null],
      ['priya.kim', 'error', 'forbidden'],
      ['priya.kim', 'error', 'forbidden'],
    ]);
  });

  it('alerts follow the book: re-importing an account with a new CSM moves its open alerts, with their history', async () => {
    const victors = await alertsOf(['--as', 'victor.rossi']);
    const moving = victors.find((a) => a.state !== 'resolved');
    if (!moving) throw new Error('victor.rossi has no open alert in the demo');
    const exported = await runCli(['export', 'accounts', '--json'], env);
    const row = exported.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((r) => r.name === moving.account);
    const users = (await runCli(['export', 'users', '--json'], env)).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { user: string; email: string });
    const newCsm = users.find((u) => u.user === 'priya.kim');
    const file = join(mkdtempSync(join(tmpdir(), 'cse-handover-')), 'accounts.jsonl');
    writeFileSync(file, `${JSON.stringify({ ...row, csm: newCsm?.email })}\n`);
    const imported = await runCli(['import', 'accounts', file], env);
    expect(imported.code, imported.stderr).toBe(0);
    // The old CSM loses them at once; the new one has them, from the current owner, with the move.
    const accountAlerts = <A extends { account: string }>(list: A[]) =>
      list.filter((a) => a.account === moving.account);
    expect(accountAlerts(await alertsOf(['--as', 'victor.rossi']))).toEqual([]);
    const hers = accountAlerts(await alertsOf(['--as', 'priya.kim']));
    expect(hers.map((a) => a.alert_id)).toContain(moving.alert_id);
    expect(new Set(hers.map((a) => a.owner))).toEqual(new Set(['priya.kim']));
    const byId = await runCli(
      ['run', 'alerts', '--alert-ids', moving.alert_id, '--json', '--as', 'priya.kim'],
      env,
    );
    expect(byId.code, byId.stderr).toBe(0);
    expect(JSON.parse(byId.stdout).data.alerts[0].history).toEqual([
      expect.objectContaining({
        from: 'victor.rossi',
        to: 'priya.kim',
        by: 'cse import accounts accounts.jsonl',
      }),
    ]);
    const refused = await runCli(
      ['run', 'alerts', '--alert-ids', moving.alert_id, '--as', 'victor.rossi'],
      env,
    );
    expect(refused.code).toBe(2);
    // His digest reads the current book: the account is not waiting on him any more.
    const digest = await runCli(['run', 'daily_digest', '--json', '--as', 'victor.rossi'], env);
    expect(digest.code, digest.stderr).toBe(0);
    const waiting = JSON.parse(digest.stdout).data.waiting as { account_name: string }[];
    expect(waiting.map((a) => a.account_name)).not.toContain(moving.account);
    // A second import of the same row moves nothing more.
    expect((await runCli(['import', 'accounts', file], env)).code).toBe(0);
    const again = await runCli(
      ['run', 'alerts', '--alert-ids', moving.alert_id, '--json', '--as', 'priya.kim'],
      env,
    );
    expect(JSON.parse(again.stdout).data.alerts[0].history).toHaveLength(1);
  });
});

/** The evidence commands on the same demo: the DESIGN §12 JSON, the learned model, and a gated proposal. */
describe('cse backtest, cse model fit and cse health propose', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cse-proposals-'));
  const proposal = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(body));
    return path;
  };
  const auditOf = async (limit: number) =>
    (await runCli(['audit', '--json', '--limit', String(limit)], env)).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { intent: string; outcome: string; args: Record<string, unknown> });

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

  it('fits the learned model beside the rules and stores it', async () => {
    const out = await runCli(['model', 'fit', '--json'], env);
    expect(out.code, out.stderr).toBe(0);
    const fit = JSON.parse(out.stdout);
    // The demo fitted CM-0001 on its history; this fit is the next one.
    expect(fit.model_id).toBe('CM-0002');
    expect(fit.track_record.quarters.length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(fit.validation.learned)).toEqual(['auc', 'brier', 'top_decile_lift']);
    expect(Object.keys(fit.validation.rules)).toEqual(['auc', 'brier', 'top_decile_lift']);
  });

  it('refuses a proposal that lowers the AUC and audits the refusal; accepts one that does not, and answers then name it', async () => {
    const worse = proposal('worse.json', {
      model_version: 'engagement-only',
      weights: { default: { product_usage: 0, engagement: 100, relationship: 0, outcomes: 0, financial: 0 } },
    });
    const refused = await runCli(['health', 'propose', worse, '--accept', '--reason', 'try it'], env);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('engagement-only (proposed)');
    expect(refused.stderr).toMatch(
      /Refused: engagement-only lowers the AUC by 0\.\d{3}, more than the 0\.01 allowed/,
    );
    const same = proposal('same.json', { model_version: 'seed-2-reviewed' });
    const ok = await runCli(
      ['health', 'propose', same, '--accept', '--reason', 'reviewed against our history'],
      env,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('Accepted: health model seed-2-reviewed replaces seed-2');
    const score = JSON.parse((await runCli(['run', 'score', '--account', 'Initech', '--json'], env)).stdout);
    expect(score.data.model_version).toBe('seed-2-reviewed');
    const accepts = (await auditOf(10)).filter((e) => e.intent === 'accept_health_model');
    expect(accepts.map((e) => [e.outcome, e.args.model_version, e.args.reason])).toEqual([
      ['ok', 'seed-2-reviewed', 'reviewed against our history'],
      ['error', 'engagement-only', 'try it'],
    ]);
    expect(accepts[0]?.args).toMatchObject({ replaces: 'seed-2', auc_change: 0 });
  });
});
