import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../bench/slack-request.ts';
import { openDb } from '../../store/open-db.ts';
import { runCli } from '../helpers/run-cli.ts';
import { cliTestStore } from '../helpers/test-db.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'cse.js');
const TOKEN = 'lock-test-token';

let env: Record<string, string>;
let cleanup: () => Promise<void>;
const embedded = !process.env.DATABASE_URL;

/** Starts `cse serve` and resolves once it says where it listens. */
function startServe(port: number): Promise<ChildProcess> {
  const { DATABASE_URL: _u, DATABASE_SCHEMA: _s, CSE_DATA_DIR: _d, REDIS_URL: _r, ...base } = process.env;
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
    env: { ...base, ...env, CSE_API_TOKEN: TOKEN, CSE_NOW: '2026-11-24T12:00:00Z', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let said = '';
    const listen = (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes('serves the HTTP API only')) resolve(child);
    };
    child.stdout?.on('data', listen);
    child.stderr?.on('data', listen);
    child.once('exit', (code) => reject(new Error(`cse serve exited ${code}: ${said}`)));
  });
}

beforeAll(async () => {
  ({ env, cleanup } = await cliTestStore());
  if (embedded)
    expect((await runCli(['demo', '--accounts', '20', '--as-of', '2026-11-24'], env)).code).toBe(0);
});
afterAll(async () => cleanup());

describe.runIf(embedded)('two processes on one embedded store', () => {
  it('refuses the second with exit 2 and who holds it, and loses nothing either wrote', async () => {
    const port = await freePort();
    const serve = await startServe(port);
    const users = join(mkdtempSync(join(tmpdir(), 'cse-lock-')), 'users.csv');
    writeFileSync(users, 'user,name,email,role\nlock.tester,Lock Tester,lock.tester@cs-team.example,csm\n');
    try {
      const inUse = `the store in ${env.CSE_DATA_DIR} is in use by pid ${serve.pid} (cse serve). Stop it, or set DATABASE_URL to share a PostgreSQL between processes`;
      const second = await runCli(['import', 'users', users], env);
      expect(second.code).toBe(2);
      expect(second.stderr.trim()).toBe(inUse);
      // A question opens the store while its code loads: the refusal is the same, not a crash.
      for (const question of [
        ['ask', 'score acme'],
        ['run', 'score', '--account', 'Acme Corp'],
      ]) {
        const refused = await runCli(question, env);
        expect({ code: refused.code, stderr: refused.stderr.trim() }).toEqual({ code: 2, stderr: inUse });
      }
      const posted = await fetch(`http://127.0.0.1:${port}/v1/feedback`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          external_id: 'LOCK-1',
          account: 'Acme Corp',
          source: 'ticket',
          text: 'Exports time out.',
        }),
      });
      expect(posted.status).toBe(202);
    } finally {
      const exited = new Promise((resolve) => serve.once('exit', resolve));
      serve.kill('SIGTERM');
      await exited;
    }
    // Once the server has stopped, the same import goes through; both writes are there.
    const again = await runCli(['import', 'users', users], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/1 inserted/);
    const db = await openDb({ DATABASE_URL: undefined, CSE_DATA_DIR: env.CSE_DATA_DIR ?? '' });
    try {
      expect(await db.query("SELECT user_id FROM users WHERE user_id = 'lock.tester'")).toEqual([
        { user_id: 'lock.tester' },
      ]);
      expect(
        await db.query("SELECT feedback_id FROM feedback WHERE feedback_id = 'ext-ticket-LOCK-1'"),
      ).toEqual([{ feedback_id: 'ext-ticket-LOCK-1' }]);
    } finally {
      await db.close();
    }
  });

  it('takes over a lock left by a process that died', async () => {
    writeFileSync(
      join(env.CSE_DATA_DIR ?? '', 'cse.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, command: 'cse serve', since: '2026-11-24T00:00:00Z' }),
    );
    const answer = await runCli(['ask', 'help'], env);
    expect(answer.code).toBe(0);
  });
});
