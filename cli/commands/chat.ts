import type { RegisterCommand } from './register.ts';

export const registerChat: RegisterCommand = (program, globals) => {
  program
    .command('chat')
    .description('local chat in the terminal (same answers as Slack)')
    .option('--as <user>', 'ask as this team member (user id, email or Slack id)')
    .action(async (options: { as?: string }) =>
      (await import('../actions/start.ts')).chat(globals(), options),
    );
};
