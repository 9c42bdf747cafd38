import { type ChildProcess, execSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'cse.js');

/** The commands that break and mend the services (set by .ci/run); the fault tests need them. */
export const FAULTS = {
  pgRestart: process.env.CSE_FAULT_PG_RESTART,
  redisStop: process.env.CSE_FAULT_REDIS_STOP,
  redisStart: process.env.CSE_FAULT_REDIS_START,
};

export const DATABASE_URL = process.env.DATABASE_URL ?? '';
export const REDIS_URL = process.env.REDIS_URL ?? '';

export function runShell(command: string): void {
  execSync(command, { stdio: 'ignore' });
}

export { freePort } from '../../bench/slack-request.ts';

/** A private schema on the test PostgreSQL, dropped afterwards. */
export function privateSchema(): { schema: string; drop: () => Promise<void> } {
  const schema = `f_${randomBytes(5).toString('hex')}`;
  return {
    schema,
    async drop() {
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Runs `cse` to completion with the given environment. */
export function cse(args: string[], env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.stderr.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

/** Starts a long-running `cse` command and resolves once it prints `ready`. */
export function startCse(
  args: string[],
  env: Record<string, string>,
  ready: string,
): Promise<ChildProcess & { output: () => string }> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let said = '';
  const withOutput = Object.assign(child, { output: () => said });
  return new Promise((resolve, reject) => {
    const listen = (chunk: Buffer) => {
      said += chunk.toString();
      if (said.includes(ready)) resolve(withOutput);
    };
    child.stdout?.on('data', listen);
    child.stderr?.on('data', listen);
    child.once('exit', (code) => reject(new Error(`cse ${args[0]} exited ${code}: ${said}`)));
  });
}

export async function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

/** Runs `work` for each item with at most `limit` at once. */
export async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T, i: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const i = next++;
        await work(items[i] as T, i);
      }
    }),
  );
}
