import type { Queryable } from '../db.ts';

export interface ScheduledRun {
  job: string;
  day: string;
  started_at: string;
  finished_at: string | null;
  worker: string;
  summary: Record<string, unknown> | null;
  error: string | null;
}

/**
 * Claims a job's day: true when this worker is to run it. A day already finished is never claimed
 * again (unless `force`, a run by hand); one started by a worker that has since died
 * (`started_at` before `staleBefore`, unfinished) is taken over. A run under way in another
 * process (unfinished, fresh) is never taken, forced or not: one day's job runs once at a time.
 */
export async function claimRun(
  db: Queryable,
  run: { job: string; day: string; worker: string; now: string; staleBefore: string; force?: boolean },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO scheduled_runs (job, day, started_at, worker) VALUES ($1, $2, $3, $4)
     ON CONFLICT (job, day) DO UPDATE SET started_at = EXCLUDED.started_at, worker = EXCLUDED.worker, finished_at = NULL, error = NULL
       WHERE ($6 AND scheduled_runs.finished_at IS NOT NULL)
          OR (scheduled_runs.finished_at IS NULL AND scheduled_runs.started_at < $5)
     RETURNING job`,
    [run.job, run.day, run.now, run.worker, run.staleBefore, run.force ?? false],
  );
  return rows.length > 0;
}

export async function finishRun(
  db: Queryable,
  run: { job: string; day: string; now: string; summary?: Record<string, unknown>; error?: string },
): Promise<void> {
  await db.query(
    'UPDATE scheduled_runs SET finished_at = $3, summary = $4, error = $5 WHERE job = $1 AND day = $2',
    [run.job, run.day, run.now, run.summary ? JSON.stringify(run.summary) : null, run.error ?? null],
  );
}

/** Whether a job finished for a day without an error. */
export async function runFinished(db: Queryable, job: string, day: string): Promise<boolean> {
  const rows = await db.query(
    'SELECT 1 FROM scheduled_runs WHERE job = $1 AND day = $2 AND finished_at IS NOT NULL AND error IS NULL',
    [job, day],
  );
  return rows.length > 0;
}

/** The latest day a job finished without an error, or null. */
export async function lastFinishedDay(db: Queryable, job: string): Promise<string | null> {
  const [row] = await db.query<{ day: string | null }>(
    'SELECT max(day) AS day FROM scheduled_runs WHERE job = $1 AND finished_at IS NOT NULL AND error IS NULL',
    [job],
  );
  return row?.day ?? null;
}

/** Each job's latest run: what `cse schedule` shows. */
export async function latestRuns(db: Queryable): Promise<ScheduledRun[]> {
  return db.query<ScheduledRun>(
    `SELECT DISTINCT ON (job) job, day, started_at, finished_at, worker, summary, error FROM scheduled_runs
      ORDER BY job, day DESC, started_at DESC`,
  );
}

/** Sends per kind and day, for `cse schedule` (digests and DMs are recorded in the send log). */
export async function latestSends(
  db: Queryable,
): Promise<{ kind: string; day: string; sent: number; at: string | null }[]> {
  return db.query(
    `SELECT kind, max(day) AS day, count(*) FILTER (WHERE sent_at IS NOT NULL)::int AS sent, max(sent_at) AS at
       FROM alert_sends GROUP BY kind ORDER BY kind`,
  );
}

/** Who holds a job's day and since when, while it is under way (for "another process is running it"). */
export async function runUnderWay(
  db: Queryable,
  job: string,
  day: string,
): Promise<{ worker: string; started_at: string } | null> {
  const [row] = await db.query<{ worker: string; started_at: string }>(
    'SELECT worker, started_at FROM scheduled_runs WHERE job = $1 AND day = $2 AND finished_at IS NULL',
    [job, day],
  );
  return row ?? null;
}
