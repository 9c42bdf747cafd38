import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLabelledFeedback } from '../../eval/feedback-eval.ts';
import { BullMqQueue } from '../../jobs/bullmq-queue.ts';
import { openTestStore, type TestStore } from '../helpers/test-db.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'cse.js');
const ITEMS = 1000;
const redisUrl = process.env.REDIS_URL;
const databaseUrl = process.env.DATABASE_URL;

/** Starts `cse worker` against the test schema and queue prefix; resolves `progress(n)` as it reports. */
function startWorker(env: Record<string, string>, untilIdle: boolean) {
  const child = spawn(
    process.execPath,
    [BIN, 'worker', '--concurrency', '4', ...(untilIdle ? ['--until-idle'] : [])],
    {
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let stderr = '';
  const waiters: { n: number; resolve: () => void }[] = [];
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    const counts = [...stderr.matchAll(/processed (\d+)/g)].map((m) => Number(m[1]));
    const best = Math.max(0, ...counts);
    for (const w of waiters.filter((x) => best >= x.n)) w.resolve();
  });
  return {
    child,
    output: () => stderr,
    processed: (n: number) => new Promise<void>((resolve) => waiters.push({ n, resolve })),
  };
}

describe.skipIf(!redisUrl || !databaseUrl)(
  'a worker killed in the middle of a 1,000-item run on BullMQ',
  () => {
    let store: TestStore;
    let queue: BullMqQueue;
    const prefix = `crash${randomBytes(4).toString('hex')}`;
    const workers: ChildProcess[] = [];

    beforeAll(async () => {
      store = await openTestStore();
      await store.db.query(
        `INSERT INTO accounts (account_id, name, segment, status) VALUES
        ('A1', 'Acme', 'enterprise', 'active'), ('A2', 'Globex', 'smb', 'active'), ('A3', 'Initech', 'mid-market', 'active')`,
      );
      const texts = loadLabelledFeedback().map((i) => i.text);
      const ids: string[] = [];
      const values: unknown[] = [];
      const rows: string[] = [];
      for (let k = 0; k < ITEMS; k++) {
        const id = `FBX-${String(k).padStart(4, '0')}`;
        ids.push(id);
        values.push(
          id,
          `A${(k % 3) + 1}`,
          texts[k % texts.length],
          new Date(Date.UTC(2026, 10, 1) + k * 60_000).toISOString(),
        );
        rows.push(
          `($${values.length - 3}, $${values.length - 2}, 'in_app', $${values.length}, $${values.length - 1}, $${values.length})`,
        );
      }
      await store.db.query(
        `INSERT INTO feedback (feedback_id, account_id, source, created_at, text, received_at) VALUES ${rows.join(', ')}`,
        values,
      );
      queue = new BullMqQueue(redisUrl as string, prefix);
      await queue.addMany(
        'process_feedback',
        ids.map((feedbackId) => ({ feedbackId })),
      );
    });

    afterAll(async () => {
      for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
      await queue?.close();
      await store?.cleanup();
    });

    it('ends with every item processed exactly once: no loss, no double merge', async () => {
      const env = { ...store.env, REDIS_URL: redisUrl as string, QUEUE_PREFIX: prefix };
      const first = startWorker(env, false);
      workers.push(first.child);
      await Promise.race([
        first.processed(300),
        new Promise((_, reject) =>
          setTimeout(() => reject(new Error(`no progress: ${first.output()}`)), 60_000),
        ),
      ]);
      first.child.kill('SIGKILL');
      await once(first.child, 'exit');
      const [mid] = await store.db.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM feedback WHERE status = 'open'",
      );
      expect(mid?.n).toBeGreaterThanOrEqual(300);
      expect(mid?.n).toBeLessThan(ITEMS);

      const second = startWorker(env, true);
      workers.push(second.child);
      const [code] = (await once(second.child, 'exit')) as [number];
      expect(code, second.output()).toBe(0);

      const [totals] = await store.db.query<{
        open: number;
        other: number;
        once: number;
        chains: number;
        self: number;
      }>(
        `SELECT count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status <> 'open')::int AS other,
              count(*) FILTER (WHERE process_count = 1)::int AS once,
              (SELECT count(*)::int FROM feedback d JOIN feedback c ON c.feedback_id = d.canonical_id WHERE c.canonical_id IS NOT NULL) AS chains,
              count(*) FILTER (WHERE canonical_id = feedback_id)::int AS self
         FROM feedback`,
      );
      expect(totals).toEqual({ open: ITEMS, other: 0, once: ITEMS, chains: 0, self: 0 });
      const [merged] = await store.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM feedback WHERE canonical_id IS NOT NULL',
      );
      expect(merged?.n).toBeGreaterThan(500); // the 157 texts repeat: most items join an earlier request
    }, 180_000);
  },
);
