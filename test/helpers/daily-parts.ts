import { fixedClock } from '../../core/clock.ts';
import { createLogger } from '../../core/logger.ts';
import type { DailyParts } from '../../jobs/daily-run.ts';
import type { Db } from '../../store/db.ts';

/** What one day's scheduled run needs in a test: the store, a quiet logger, the day's 06:00 clock, no Slack. */
export const dayParts = (db: Db, day: string): DailyParts => ({
  db,
  logger: createLogger('silent'),
  clock: fixedClock(`${day}T06:00:00.000Z`),
  notifier: null,
  worker: 'test',
});
