import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cse,
  DATABASE_URL,
  FAULTS,
  freePort,
  inParallel,
  privateSchema,
  REDIS_URL,
  runShell,
  startCse,
  stop,
} from './helpers.ts';

const TOKEN = 'fault-api-token';
const ITEMS = 1000;
const STOP_AFTER = 200;
const RESTART_BEFORE = 800;
const OUTAGE_MS = 30_000;

let schema: ReturnType<typeof privateSchema>;
let env: Record<string, string>;

beforeAll(async () => {
  if (!FAULTS.redisStop || !FAULTS.redisStart || !DATABASE_URL || !REDIS_URL) return;
  schema = privateSchema();
  env = {
    DATABASE_URL,
    DATABASE_SCHEMA: schema.schema,
    REDIS_URL,
    QUEUE_PREFIX: `fault${randomBytes(4).toString('hex')}`,
    CSE_API_TOKEN: TOKEN,
    CSE_API_RATE_LIMIT: '100000',
  };
  const demo = await cse(['demo', '--accounts', '20', '--as-of', '2026-11-24'], env);
  if (demo.code !== 0) throw new Error(demo.out);
});
afterAll(async () => {
  await schema?.drop();
});

async function count(sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return Number(
      (await client.query<{ n: number }>(sql.replaceAll('$schema', schema.schema))).rows[0]?.n ?? 0,
    );
  } finally {
    await client.end();
  }
}

describe.runIf(FAULTS.redisStop && FAULTS.redisStart && DATABASE_URL && REDIS_URL)(
  'Redis down under load',
  () => {
    it(`accepts ${ITEMS} POST /v1/feedback with 202 in under a second while Redis is stopped for 30 s; none lost, none processed twice`, async () => {
      const port = await freePort();
      const serve = await startCse(['serve', '--port', String(port)], env, 'serves the HTTP API only');
      const worker = await startCse(['worker'], env, 'Worker started');
      const base = `http://127.0.0.1:${port}`;
      const statuses: number[] = [];
      const latencies: { i: number; took: number; down: boolean }[] = [];
      const restarted = false;
      let stoppedAt = 0;
      let degraded: unknown = null;
      const post = async (i: number) => {
        const started = performance.now();
        const res = await fetch(`${base}/v1/feedback`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            external_id: `R-${i}`,
            account: i % 2 === 0 ? 'Acme Corp' : 'Globex',
            source: 'ticket',
            text: `Item ${i}: the CSV export times out on our workspace number ${i}.`,
          }),
        });
        await res.text();
        const took = performance.now() - started;
        latencies.push({ i, took, down: stoppedAt > 0 && !restarted });
        statuses.push(res.status);
      };
      const ids = Array.from({ length: ITEMS }, (_, i) => i);
      try {
        await inParallel(ids.slice(0, STOP_AFTER), 4, post);
        runShell(FAULTS.redisStop ?? '');
        stoppedAt = performance.now();
        await inParallel(ids.slice(STOP_AFTER, RESTART_BEFORE), 4, post);
        degraded = await (await fetch(`${base}/healthz`)).json();
        // Keep Redis down for the whole outage, then bring it back and send the rest.
        const left = OUTAGE_MS - (performance.now() - stoppedAt);
        if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
        runShell(FAULTS.redisStart ?? '');
        await inParallel(ids.slice(RESTART_BEFORE), 4, post);
        // The database is the truth: wait until every stored item has been processed (re-driven).
        const deadline = performance.now() + 120_000;
        let processed = 0;
        while (performance.now() < deadline) {
          processed = await count(
            "SELECT count(*)::int AS n FROM $schema.feedback WHERE feedback_id LIKE 'ext-ticket-R-%' AND status NOT IN ('new', 'dead')",
          );
          if (processed >= ITEMS) break;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        expect(statuses.filter((s) => s === 202)).toHaveLength(ITEMS);
        // While Redis is down, every answer comes within a second; p99 over the whole run as well.
        const slowestDown = Math.max(...latencies.filter((l) => l.down).map((l) => l.took));
        const sorted = latencies.map((l) => l.took).sort((a, b) => a - b);
        const p99 = sorted[Math.ceil(sorted.length * 0.99) - 1] ?? 0;
        const slowest = sorted.at(-1) ?? 0;
        expect(slowestDown).toBeLessThan(1000);
        expect(p99).toBeLessThan(1000);
        expect(degraded).toMatchObject({
          ok: true,
          degraded: true,
          database: { ok: true },
          queue: { ok: false },
        });
        expect(
          await count(
            "SELECT count(*)::int AS n FROM $schema.feedback WHERE feedback_id LIKE 'ext-ticket-R-%'",
          ),
        ).toBe(ITEMS);
        expect(processed).toBe(ITEMS);
        expect(
          await count(
            "SELECT count(*)::int AS n FROM $schema.feedback WHERE feedback_id LIKE 'ext-ticket-R-%' AND process_count <> 1",
          ),
        ).toBe(0);
        expect(serve.exitCode).toBeNull();
        expect(worker.exitCode).toBeNull();
        console.log(
          `redis outage: ${ITEMS} POSTs, ${statuses.filter((s) => s === 202).length} × 202, slowest while Redis was down ${Math.round(slowestDown)} ms, p99 ${Math.round(p99)} ms, slowest ${Math.round(slowest)} ms, Redis down ${OUTAGE_MS / 1000} s, ${processed} processed exactly once, 0 lost`,
        );
      } finally {
        if (stoppedAt && !(await redisUp())) runShell(FAULTS.redisStart ?? '');
        await stop(worker);
        await stop(serve);
      }
    }, 300_000);
  },
);

async function redisUp(): Promise<boolean> {
  try {
    runShell('redis-cli -h 127.0.0.1 -p 6379 ping');
    return true;
  } catch {
    return false;
  }
}
