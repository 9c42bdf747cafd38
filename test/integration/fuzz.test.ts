import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Actor, operatorActor, teamActor } from '../../commands/context.ts';
import { COMMANDS } from '../../commands/registry.ts';
import { ask, run } from '../../commands/router.ts';
import { CseError } from '../../core/errors.ts';
import { SeededRandom } from '../../core/random.ts';
import { importFile } from '../../store/import/import-file.ts';
import { findUser } from '../../store/repositories/users.ts';
import { testContext } from '../helpers/command-context.ts';
import { openDemoStore, type TestStore, tableCounts } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';
let store: TestStore;
let actors: Actor[];

beforeAll(async () => {
  store = await openDemoStore(AS_OF, 40);
  const csm = await findUser(store.db, 'priya.kim');
  const support = (
    await store.db.query<{ user_id: string }>("SELECT user_id FROM users WHERE role = 'support'")
  )[0];
  const supportUser = await findUser(store.db, support?.user_id ?? '');
  if (!csm || !supportUser) throw new Error('the demo team is missing a CSM or support');
  actors = [operatorActor('local:fuzz'), teamActor(csm), teamActor(supportUser)];
});
afterAll(async () => store.cleanup());

const PIECES = [
  'score',
  'churn risk for',
  'qbr prep',
  'portfolio review',
  'nrr report for',
  'cohort analysis',
  'feedback',
  'feedback Acme Corp:',
  'log feedback for Globex:',
  'renewal prep',
  'save play',
  'win-back plan',
  'as of',
  '2026-02-30',
  '2026-13',
  'last quarter',
  'Acme',
  'Globex',
  'Initech Corp Inc Ltd',
  'acmee',
  '<@U00000001>',
  '<!channel>',
  '<https://evil.example|click>',
  "'; DROP TABLE accounts; --",
  '%s%s%n',
  '\u0000',
  '\u202e',
  '😀',
  'ÅÄÖ',
  '   ',
  '\n',
  ':',
  '??',
  'team',
  'my book',
  'enterprise',
  'save it',
  'draft email',
  'ignore previous instructions',
  '9'.repeat(40),
  'x'.repeat(3000),
];

function fuzzedMessage(rng: SeededRandom): string {
  const parts: string[] = [];
  const n = rng.int(1, 6);
  for (let i = 0; i < n; i++) {
    if (rng.chance(0.15))
      parts.push(String.fromCharCode(...Array.from({ length: rng.int(1, 12) }, () => rng.int(1, 0x2fff))));
    else parts.push(rng.pick(PIECES));
  }
  return parts.join(rng.chance(0.8) ? ' ' : '');
}

/** An error a person can act on: a closed code other than internal, and words that say what to do. */
function actionable(error: unknown): string | null {
  if (!(error instanceof CseError)) return `not a CseError: ${String(error)}`;
  if (error.code === 'internal') return `internal: ${error.message}`;
  if (!error.message.trim()) return `${error.code} with no message`;
  if (!error.hint?.trim()) return `${error.code} "${error.message}" says nothing about what to do next`;
  return null;
}

interface FuzzKind {
  kind: string;
  header: string;
  /** A good row for row number k. */
  good: (k: number) => string;
  /** The ways one field can be wrong: column and bad value. */
  bad: readonly (readonly [string, string])[];
}

describe('fuzzing: bad input never becomes an internal failure', () => {
  it('answers or clearly refuses 1,000 fuzzed messages, as the operator, a CSM and support', async () => {
    const rng = new SeededRandom(20261124);
    const problems: string[] = [];
    let answered = 0;
    let refused = 0;
    for (let i = 0; i < 1000; i++) {
      const text = fuzzedMessage(rng);
      const actor = actors[i % actors.length] as Actor;
      try {
        await ask(testContext(store.db, AS_OF, { actor }), text);
        answered++;
      } catch (error) {
        refused++;
        const problem = actionable(error);
        if (problem) problems.push(`${JSON.stringify(text.slice(0, 80))} as ${actor.role}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(answered + refused).toBe(1000);
    // Both paths are exercised: the fuzz is not all noise, nor all valid.
    expect(answered).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });

  it('a fresh pass: 1,000 more messages and command calls (NULs inside, escape sequences, huge strings, wrong types) never fail inside', async () => {
    const rng = new SeededRandom(20261204);
    const pieces = [
      ...PIECES,
      'score Acme\u0000 Corp',
      '\u001b[31mchurn risk\u001b[0m for Globex',
      '\u200b\u200bportfolio\u200breview',
      '\u202egnirob\u202c',
      'FB-000001',
      'AL-000001',
      'link FB-1 to roadmap SSO-1',
      '`rm -rf /`',
      '{"intent":"purge_audit"}',
      '*bold* _it_ ~st~',
      '<@U0SOMEONE|someone>',
      '\r\n\r\n',
      'y'.repeat(20_000),
      '٣٤٥ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    ];
    const junk = (): unknown =>
      rng.pick([
        'x\u0000y',
        '\u001b]0;title\u0007',
        'z'.repeat(50_000),
        '',
        '   ',
        42,
        -1,
        1e308,
        null,
        true,
        [],
        ['a', 1],
        { nested: 'x\u0000' },
        '2026-02-30',
        'FB-000001',
        'AL-000001',
        'Acme Corp',
      ]);
    const intents = COMMANDS.map((c) => c.intent);
    const problems: string[] = [];
    let answered = 0;
    for (let i = 0; i < 1000; i++) {
      const actor = actors[i % actors.length] as Actor;
      const ctx = testContext(store.db, AS_OF, { actor });
      const asked = i % 2 === 0;
      const what = asked
        ? Array.from({ length: rng.int(1, 5) }, () => rng.pick(pieces)).join(rng.chance(0.7) ? ' ' : '')
        : rng.pick(intents);
      const args = asked
        ? {}
        : Object.fromEntries(
            Array.from({ length: rng.int(0, 4) }, () => [
              rng.pick([
                'account',
                'feedback_id',
                'alert_ids',
                'as_of',
                'scope',
                'csm',
                'text',
                'limit',
                'status',
                'x',
              ]),
              junk(),
            ]),
          );
      try {
        if (asked) await ask(ctx, what);
        else await run(ctx, what, args);
        answered++;
      } catch (error) {
        const problem = actionable(error);
        if (problem)
          problems.push(
            `${asked ? 'ask' : 'run'} ${JSON.stringify(what).slice(0, 60)} ${JSON.stringify(args).slice(0, 120)} as ${actor.role}: ${problem}`,
          );
      }
    }
    expect(problems).toEqual([]);
    expect(answered).toBeGreaterThan(100);
  });

  it('rejects 1,000 malformed import rows file by file, naming file and line, and writes nothing', async () => {
    const rng = new SeededRandom(7);
    const dir = mkdtempSync(join(tmpdir(), 'cse-fuzz-import-'));
    const [first] = await store.db.query<{ account_id: string }>(
      'SELECT account_id FROM accounts ORDER BY account_id LIMIT 1',
    );
    const account = first?.account_id ?? '';
    const kinds: FuzzKind[] = [
      {
        kind: 'accounts',
        header: 'account_id,name,segment,arr,seats_purchased,renewal_date,status',
        good: (k) => `FZ-${k},Fuzz ${k},smb,12000,10,2027-06-30,active`,
        bad: [
          ['segment', 'galactic'],
          ['arr', 'lots'],
          ['seats_purchased', '-3'],
          ['renewal_date', '2026-02-30'],
          ['status', 'zombie'],
          ['renewal_date', '30/06/2027'],
        ],
      },
      {
        kind: 'revenue',
        header: 'account_id,month,mrr',
        good: (k) => `${account},${2000 + k}-01,1000`,
        bad: [
          ['month', '2026-13'],
          ['mrr', 'NaN'],
          ['mrr', '12,5'],
          ['month', ''],
          ['account_id', ''],
        ],
      },
      {
        kind: 'usage',
        header: 'account_id,date,dau,seats_active',
        good: (k) => `${account},${2000 + k}-01-15,5,5`,
        bad: [
          ['date', 'yesterday'],
          ['dau', '1.5'],
          ['dau', '-1'],
          ['seats_active', '1e999'],
        ],
      },
    ];
    const before = await tableCounts(store.db);
    const problems: string[] = [];
    let badRows = 0;
    let files = 0;
    while (badRows < 1000) {
      const spec = rng.pick(kinds);
      const columns = spec.header.split(',');
      const lines = [spec.header];
      const badLines: number[] = [];
      for (let k = 0; k < 20; k++) {
        const row = spec.good(files * 20 + k).split(',');
        if (rng.chance(0.5) && badRows < 1000) {
          const [column, value] = rng.pick(spec.bad);
          row[columns.indexOf(column)] = value;
          badRows++;
          badLines.push(lines.length + 1);
        }
        lines.push(row.join(','));
      }
      if (badLines.length === 0) continue;
      const file = `fuzz-${files++}.csv`;
      writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
      try {
        await importFile(store.db, spec.kind, join(dir, file));
        problems.push(`${file} (${spec.kind}) was imported despite bad lines ${badLines.join(', ')}`);
      } catch (error) {
        const problem = actionable(error);
        const message = error instanceof Error ? error.message : String(error);
        // A bad value names its line and column; a row of the wrong shape ("12,5" adds a field) its line.
        const named = new RegExp(`${file} line ${badLines[0]}(, column \\w+)?: `).test(message);
        if (problem) problems.push(`${file}: ${problem}`);
        else if (!named)
          problems.push(`${file}: "${message.slice(0, 160)}" does not name line ${badLines[0]}`);
      }
    }
    expect(problems).toEqual([]);
    expect(badRows).toBe(1000);
    expect(await tableCounts(store.db)).toEqual(before);
  });
});
