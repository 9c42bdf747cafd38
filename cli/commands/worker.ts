import { Option } from 'commander';
import { positiveInt } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

export const registerWorker: RegisterCommand = (program, globals) => {
  program
    .command('worker')
    .description(
      'run the feedback loop workers and the daily scheduler (snapshots, alerts, DMs, digests): re-queue unfinished items from the database, then process jobs (BullMQ with REDIS_URL, else in this process) until stopped',
    )
    .addOption(
      new Option('--concurrency <n>', 'jobs at once').argParser(positiveInt('--concurrency', 64)).default(4),
    )
    .option('--until-idle', 'exit once no job is waiting or running (batch runs, cron)')
    .action(async (options: { concurrency: number; untilIdle?: boolean }) =>
      (await import('../actions/worker.ts')).worker(globals(), options),
    );
};
