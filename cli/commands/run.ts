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
    .option('--csv', 'print an account list as CSV, every row (accounts)')
    .addHelpText(
      'after',
      [
        '',
        'cse run help lists the questions. These intents run too, as a button, a modal or the scheduler runs them:',
        '  changes: acknowledge_feedback, resolve_feedback, reassign_feedback, unmerge_feedback, decide_duplicate,',
        '           link_roadmap, set_roadmap_status, disagree_score, update_alert, record_product_events,',
        '           link_channel, unlink_channel, signal_backtest, audit_log, purge_audit',
        "  what the bot shows unasked: book_home (a person's App Home), daily_digest (a CSM's morning digest),",
        '           alerts --alert-ids AL-1,AL-2 (what an alert DM or an escalation shows)',
        'Example: cse run daily_digest --as priya.kim',
      ].join('\n'),
    )
    .allowUnknownOption()
    .action(
      async (
        intent: string,
        tokens: string[],
        options: { account?: string; as?: string; json?: boolean; csv?: boolean },
      ) => (await import('../actions/answer.ts')).runIntent(globals(), intent, tokens, options),
    );
};
