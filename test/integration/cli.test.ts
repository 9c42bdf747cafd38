import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { cliTestStore } from '../helpers/test-db.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
let env: Record<string, string>;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  ({ env, cleanup } = await cliTestStore());
});
afterAll(async () => cleanup());

describe('cse command line', () => {
  it('lists the working commands in --help', async () => {
    const { code, stdout } = await runCli(['--help'], env);
    expect(code).toBe(0);
    for (const command of ['start', 'chat', 'ask', 'run', 'parse', 'import', 'demo', 'audit'])
      expect(stdout).toMatch(new RegExp(`\\n  ${command}\\b`));
  });

  it('rejects a CSV with a bad date on line 57 with exit 2 and one line naming line and column; the store is unchanged', async () => {
    expect((await runCli(['import', 'accounts', join(FIXTURES, 'accounts.csv')], env)).code).toBe(0);
    const before = await runCli(['run', 'portfolio_review', '--as-of', '2026-11-24', '--json'], env);
    const bad = await runCli(['import', 'accounts', join(FIXTURES, 'accounts_bad_date_line57.csv')], env);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain(
      'accounts_bad_date_line57.csv line 57, column renewal_date: value "2027-02-30" is not a valid date',
    );
    const after = await runCli(['run', 'portfolio_review', '--as-of', '2026-11-24', '--json'], env);
    expect(JSON.parse(after.stdout).data).toEqual(JSON.parse(before.stdout).data);
  });

  it('does not score an account known only from the accounts file: it says what data is missing and shows no tier or playbook', async () => {
    const json = await runCli(
      ['run', 'score', '--account', 'Fixture Co 01', '--as-of', '2026-11-24', '--json'],
      env,
    );
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout).data;
    expect([data.score, data.tier, data.coverage, data.actions]).toEqual([null, 'unscored', 0, []]);
    expect(data.evidence_needed.map((e: { dimension: string }) => e.dimension)).toEqual([
      'product_usage',
      'engagement',
      'outcomes',
      'relationship',
      'financial',
    ]);
    const text = await runCli(['ask', 'score Fixture Co 01 as of 2026-11-24'], env);
    expect(text.stdout).toContain('Not enough data to score Fixture Co 01 yet');
    expect(text.stdout).toContain('cse import usage');
    expect(text.stdout).not.toMatch(/thriving|Next steps|\/100/);
    // The portfolio counts it as unscored, never as a tier.
    const review = JSON.parse(
      (await runCli(['run', 'portfolio_review', '--as-of', '2026-11-24', '--json'], env)).stdout,
    );
    expect(JSON.stringify(review.data)).not.toContain('"thriving"');
  });

  it('audits every import, the rejected ones too, and shows them to the operator with cse audit', async () => {
    const { code, stdout } = await runCli(['audit', '--json', '--limit', '200'], env);
    expect(code).toBe(0);
    const imports = stdout
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as {
            intent: string;
            args: { kind?: string; file?: string };
            outcome: string;
            error_code: string | null;
          },
      )
      .filter((e) => e.intent === 'import');
    expect(
      imports.map((e) => [e.args.kind, e.args.file?.split('/').at(-1), e.outcome, e.error_code]),
    ).toEqual([
      ['accounts', 'accounts_bad_date_line57.csv', 'error', 'import_invalid'],
      ['accounts', 'accounts.csv', 'ok', null],
    ]);
  });

  it('cse audit purge honours --as before or after purge: a CSM is refused (exit 2) and the refusal is theirs in the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cse-users-'));
    const users = join(dir, 'users.csv');
    writeFileSync(users, 'user,name,email,role\npriya.kim,Priya Kim,priya@cs.example,csm\n');
    expect((await runCli(['import', 'users', users], env)).code).toBe(0);
    for (const args of [
      ['audit', 'purge', '--as', 'priya.kim'],
      ['audit', '--as', 'priya.kim', 'purge'],
    ]) {
      const refused = await runCli(args, env);
      expect(refused.code, refused.stdout).toBe(2);
      expect(refused.stderr).toContain('Purge the audit log is not open to a CSM');
    }
    const log = (await runCli(['audit', '--json', '--limit', '5'], env)).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { actor: string; intent: string; error_code: string | null });
    expect(log.filter((e) => e.intent === 'purge_audit').map((e) => [e.actor, e.error_code])).toEqual([
      ['priya.kim', 'forbidden'],
      ['priya.kim', 'forbidden'],
    ]);
  });

  it('reports a second import of the same file as all unchanged', async () => {
    const again = await runCli(['import', 'accounts', join(FIXTURES, 'accounts.csv'), '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: 70, inserted: 0, updated: 0, unchanged: 70 });
    const text = await runCli(['import', 'revenue', join(FIXTURES, 'revenue.csv')], env);
    expect(text.stdout).toMatch(
      /^Imported revenue\.csv \(revenue, 816 rows\): 816 inserted, 0 updated, 0 unchanged in \d+\.\d s\n$/,
    );
  });

  it('prints the DESIGN §4 object for ask --json, with figures from the store', async () => {
    const { code, stdout } = await runCli(['ask', 'portfolio review', '--json'], env);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout);
    expect(Object.keys(answer)).toEqual(['intent', 'args', 'account', 'data', 'provenance']);
    expect(answer.intent).toBe('portfolio_review');
    expect(answer.account).toBeNull();
    // Fixture: 70 accounts, 4 churned (F017, F034, F051, F068). Revenue runs to 2026-12, so as of
    // today the ARR of each account is 12 × its latest month-end MRR.
    expect(answer.data.portfolio.total_accounts).toBe(66);
    let arr = 0;
    for (let i = 1; i <= 70; i++) {
      if (i % 17 === 0) continue;
      const mrr = [10_000, 3_000, 750, 50][i % 4] as number;
      arr += 12 * (i % 7 === 0 ? Math.trunc(mrr * 1.25) : mrr);
    }
    expect(answer.data.portfolio.total_arr).toBe(arr);
    expect(answer.provenance.reproduce).toMatch(/^cse run portfolio_review --as-of \d{4}-\d{2}-\d{2}$/);
  });

  it('reproduces an answer exactly from the printed cse run line', async () => {
    const first = JSON.parse(
      (await runCli(['ask', 'portfolio review for smb as of 2026-06', '--json'], env)).stdout,
    );
    expect(first.args).toEqual({ segment: 'smb', as_of: '2026-06' });
    const line = first.provenance.reproduce.split(' ').slice(1);
    const again = JSON.parse((await runCli([...line, '--json'], env)).stdout);
    expect(again.data).toEqual(first.data);
    // 18 smb fixture accounts, F034 churned; as of 2026-06 each active one pays $750 MRR (uplifts start in month 9).
    expect(again.data.portfolio).toMatchObject({ total_accounts: 17, total_arr: 17 * 9_000 });
  });

  it('exits 2 with a one-line reason for bad input and 0 for out-of-scope questions', async () => {
    const badOption = await runCli(['run', 'portfolio_review', '--as-of', 'yesterday'], env);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('--as-of "yesterday": must be a date YYYY-MM-DD or a month YYYY-MM');
    const unknownUser = await runCli(['ask', 'my book', '--as', 'ghost@nowhere'], env);
    expect(unknownUser.code).toBe(2);
    expect(unknownUser.stderr).toContain("No team member matches 'ghost@nowhere'");
    const missing = await runCli(['import', 'accounts', 'does-not-exist.csv'], env);
    expect(missing.code).toBe(2);
    const flight = await runCli(['ask', 'book me a flight', '--json'], env);
    expect(flight.code).toBe(0);
    expect(JSON.parse(flight.stdout).intent).toBe('unknown');
  });

  it('parses one message, and a file of messages as JSON Lines in one process', async () => {
    const one = JSON.parse(
      (await runCli(['parse', '<@U123> portfolio review please', '--json'], env)).stdout,
    );
    expect(one).toMatchObject({
      text: '<@U123> portfolio review please',
      intent: 'portfolio_review',
      account: null,
      args: {},
      via: 'rules',
      confidence: 0.9,
      readings: [],
    });
    // The intent model read it too (a trigger it could have overruled): the nearest questions, best first.
    expect(one.nearest[0]).toBe('portfolio_review');
    const dir = mkdtempSync(join(tmpdir(), 'cse-parse-'));
    const file = join(dir, 'lines.txt');
    writeFileSync(
      file,
      'help\n\nhow is my book?\ntell me a joke\nscore fixture co 07\nchurn risk for Nobody Inc\n',
    );
    const { code, stdout } = await runCli(['parse', '--file', file, '--json'], env);
    expect(code).toBe(0);
    const lines = stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.intent, l.args, l.account])).toEqual([
      ['help', {}, null],
      ['portfolio_review', { scope: 'mine' }, null],
      ['unknown', {}, null],
      ['score', {}, { id: 'F007', name: 'Fixture Co 07' }],
      ['churn_risk', {}, null],
    ]);
  });

  it('chats in the terminal: answers each line until exit', async () => {
    const { code, stdout } = await runCli(
      ['chat'],
      env,
      'help\nportfolio review for enterprise\nexit\nportfolio review\n',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Portfolio review — whole portfolio, enterprise only');
    expect(stdout.match(/Active accounts:/g)).toHaveLength(1);
    expect(stdout).toContain('I answer questions about your customers');
  });
});
