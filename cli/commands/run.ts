import type { RegisterCommand } from './register.ts';

export const registerRun: RegisterCommand = (program, globals) => {
  program
    .command('run')
    .description('run a command by intent name, no parsing: cse run <intent> [--option value …]')
    .argument('<intent>', 'intent name, e.g. portfolio_review (cse run help lists them)')
    .argument('[options...]', "the command's own options, e.g. --as-of 2026-06 --segment enterprise")
    .option('--account <name>', 'the account, for account commands (id, name, domain; typos tolerated)')
    .option('--as <user>', 'run as this team member (user id, email or Slack id)')
    .option('--json', 'print the answer object {intent, args, account, data, provenance}')
    .allowUnknownOption()
    .action(
      async (intent: string, tokens: string[], options: { account?: string; as?: string; json?: boolean }) =>
        (await import('../actions/answer.ts')).runIntent(globals(), intent, tokens, options),
    );
};
