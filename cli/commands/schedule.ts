import type { RegisterCommand } from './register.ts';

export const registerSchedule: RegisterCommand = (program, globals) => {
  program
    .command('schedule')
    .description('the scheduled jobs: what runs when, and their last and next run')
    .option('--json', 'print as JSON')
    .action(async (options: { json?: boolean }) =>
      (await import('../actions/alerts.ts')).schedule(globals(), options),
    );
};
