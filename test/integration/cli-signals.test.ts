import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { cliTestStore } from '../helpers/test-db.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
let env: Record<string, string>;
let cleanup: () => Promise<void>;
const dir = mkdtempSync(join(tmpdir(), 'cse-signals-'));

beforeAll(async () => {
  ({ env, cleanup } = await cliTestStore());
  expect((await runCli(['import', 'accounts', join(FIXTURES, 'accounts.csv')], env)).code).toBe(0);
});
afterAll(async () => cleanup());

describe('cse signals and cse channels', () => {
  it('detects the signals in each line of a file, one JSON object per line, --json before or after detect', async () => {
    const file = join(dir, 'messages.txt');
    writeFileSync(
      file,
      "We've decided we will not renew when the contract ends.\n\nthanks, the export works now\n",
    );
    for (const args of [
      ['signals', 'detect', '--file', file, '--json'],
      ['signals', '--json', 'detect', '--file', file],
    ]) {
      const { code, stdout } = await runCli(args, env);
      expect(code).toBe(0);
      const lines = stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      expect(lines.map((l) => l.text)).toEqual([
        "We've decided we will not renew when the contract ends.",
        'thanks, the export works now',
      ]);
      expect(lines[0].signals.map((s: { kind: string }) => s.kind)).toContain('churn_intent');
      expect(lines[0].signals[0].evidence).toBe(lines[0].text);
      expect(lines[1].signals.map((s: { kind: string }) => s.kind)).not.toContain('churn_intent');
    }
    const missing = await runCli(['signals', 'detect', '--file', join(dir, 'nope.txt')], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.txt');
  });

  it('links a channel to an account, lists it, refuses a bad id, and unlinks it', async () => {
    const linked = await runCli(
      ['channels', 'link', 'C0TEST0001', '--account', 'Fixture Co 01', '--json'],
      env,
    );
    expect(linked.code).toBe(0);
    expect(JSON.parse(linked.stdout).data).toMatchObject({
      channel_id: 'C0TEST0001',
      account_id: 'F001',
      backfill: 'pending',
    });
    const listed = await runCli(['channels', '--json'], env);
    expect(JSON.parse(listed.stdout).data.channels.map((c: { channel_id: string }) => c.channel_id)).toEqual([
      'C0TEST0001',
    ]);
    const bad = await runCli(['channels', 'link', 'general', '--account', 'Fixture Co 01'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('a Slack channel id');
    expect((await runCli(['channels', 'unlink', 'C0TEST0001', '--purge'], env)).code).toBe(0);
    expect(JSON.parse((await runCli(['channels', '--json'], env)).stdout).data.channels).toEqual([]);
  });
});
