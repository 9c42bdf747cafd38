import type { RegisterCommand } from './register.ts';

const actions = () => import('../actions/sync.ts');

export const registerSync: RegisterCommand = (program, globals) => {
  program
    .command('sync')
    .description(
      "pull a source's data into the store, page by page, each page with its cursor in one transaction (a killed sync resumes where it stopped). Sources: stripe (current month's MRR from live subscriptions, by the MRR policy in knowledge/billing/mrr-policy.json)",
    )
    .argument('<source>', 'stripe')
    .option('--dry-run', 'read the first page and show how five records map, writing nothing')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nSetup, token scopes and the mapping for each source: docs/connectors.md.')
    .action(async (source: string, options: { dryRun?: boolean; json?: boolean }) =>
      (await actions()).sync(globals(), source, options),
    );
  program
    .command('sources')
    .description("each synced source's last sync, cursor, counts and last error")
    .option('--json', 'one JSON object per source')
    .action(async (options: { json?: boolean }) => (await actions()).sources(globals(), options));
};
