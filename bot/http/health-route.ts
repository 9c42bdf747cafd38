import type { CustomRoute } from '@slack/bolt';
import type { JobQueue } from '../../jobs/queue.ts';
import { type Db, pingDatabase } from '../../store/db.ts';

/** A check that has not answered in this long counts as failed. */
const CHECK_TIMEOUT_MS = 2_000;

async function within<T>(work: Promise<T>, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<T>((resolve) => {
        timer = setTimeout(() => resolve(fallback), CHECK_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export interface HealthReport {
  /** True when questions can be answered: the database answers. */
  ok: boolean;
  /** True when the queue is down: items are still accepted and stored, and processed once it is back. */
  degraded: boolean;
  database: { ok: boolean; driver: string; ms: number; error?: string };
  queue: { ok: boolean; driver: string; detail: string };
}

export async function healthReport(db: Db, queue: JobQueue | null): Promise<HealthReport> {
  const started = performance.now();
  const database = await within(
    pingDatabase(db).then(
      () => ({ ok: true }),
      (error: Error) => ({ ok: false, error: error.message }),
    ),
    { ok: false, error: `no answer within ${CHECK_TIMEOUT_MS} ms` },
  );
  const ms = Math.round(performance.now() - started);
  const q = queue
    ? await within(queue.health(), { ok: false, detail: `no answer within ${CHECK_TIMEOUT_MS} ms` })
    : { ok: true, detail: 'no queue in this process' };
  return {
    ok: database.ok,
    degraded: !q.ok,
    database: { ...database, driver: db.driver, ms },
    queue: { ...q, driver: queue?.driver ?? 'none' },
  };
}

/** `GET /healthz`: the database and the queue reported apart; 503 when the database is down. */
export function healthRoute(probe: { db: Db; queue: JobQueue | null }): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: async (_req, res) => {
      const report = await healthReport(probe.db, probe.queue);
      res.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify(report));
    },
  };
}
