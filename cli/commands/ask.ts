import type { RegisterCommand } from './register.ts';

export const registerAsk: RegisterCommand = (program, globals) => {
  program
    .command('ask')
    .description('ask one question in plain words and print the answer')
    .argument('<text>', 'the question, e.g. "portfolio review"')
    .option('--as <user>', 'ask as this team member (user id, email or Slack id)')
    .option('--json', 'print the answer object {intent, args, account, data, provenance}')
    .option('--csv', 'print an account list as CSV, every row (accounts)')
    .action(async (text: string, options: { as?: string; json?: boolean; csv?: boolean }) =>
      (await import('../actions/answer.ts')).askOnce(globals(), text, options),
    );
};
