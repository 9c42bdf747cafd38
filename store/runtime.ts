import type { Clock } from '../core/clock.ts';
import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import type { Db } from './db.ts';

/** What a running process holds: its configuration, logger, open store and clock. */
export interface Runtime {
  config: Config;
  logger: Logger;
  db: Db;
  clock: Clock;
}
