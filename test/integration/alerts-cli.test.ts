import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { TEST_AS_OF } from '../helpers/slack-app';
import { cliTestStore } from '../helpers/test-db';

/** `cse demo`, `cse tick`, `cse alerts` as a person uses them: their rights, their book, the JSON contract. */
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
      expect(refused.stderr).toContain("Victor Rossi's book");
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
});
