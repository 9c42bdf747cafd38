import { isoDate } from '../option-parsers.ts';
import type { RegisterCommand } from './register.ts';

const actions = () => import('../actions/sync.ts');

export const registerSync: RegisterCommand = (program, globals) => {
  program
    .command('sync')
    .description(
      "pull a source's data into the store, page by page, each page with its cursor in one transaction (a killed sync resumes where it stopped). Sources: stripe (current month's MRR from live subscriptions, by the MRR policy in knowledge/billing/mrr-policy.json), hubspot (companies, contacts and deals: accounts, CSMs, roles, renewals; incremental), zendesk (tickets, incremental export)",
    )
    .argument('<source>', 'stripe, hubspot or zendesk')
    .option('--dry-run', 'read the first page and show how five records map, writing nothing')
    .option(
      '--since <date>',
      'hubspot, zendesk: read records changed since YYYY-MM-DD instead of where the last sync ended',
      isoDate,
    )
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nSetup, token scopes and the mapping for each source: docs/connectors.md.')
    .action(async (source: string, options: { dryRun?: boolean; json?: boolean; since?: string }) =>
      (await actions()).sync(globals(), source, options),
    );
  program
    .command('sources')
    .description(
      "each synced source's last sync, cursor, counts, quarantined records (ones it could not store, set aside with their reason while the sync moved on) and last error",
    )
    .option('--quarantine <source>', "list that source's quarantined records with their reasons")
    .option('--json', 'one JSON object per source (or per quarantined record)')
    .action(async (options: { json?: boolean; quarantine?: string }) =>
      (await actions()).sources(globals(), options),
    );
};
