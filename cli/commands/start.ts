import type { RegisterCommand } from './register.ts';

export const registerStart: RegisterCommand = (program, globals) => {
  program
    .command('start')
    .description(
      'run the bot: Slack when tokens are set, otherwise local chat; loads demo data into an empty embedded store',
    )
    .option('--as <user>', 'ask as this team member (user id, email or Slack id)')
    .action(async (options: { as?: string }) =>
      (await import('../actions/start.ts')).start(globals(), options),
    );
};
