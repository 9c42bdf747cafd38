import type { RegisterCommand } from './register.ts';

export interface ProposeOptions {
  accept?: boolean;
  force?: boolean;
  reason?: string;
  json?: boolean;
}

export const registerHealth: RegisterCommand = (program, globals) => {
  const health = program
    .command('health')
    .description('the health model: propose and accept new weights with evidence');
  health
    .command('propose')
    .description(
      'backtests the current and a proposed health model side by side; --accept records the proposal as the model in use if its AUC is not worse',
    )
    .argument(
      '<model.json>',
      'a health model, or only the keys to change (e.g. weights) with a new model_version',
    )
    .option(
      '--accept',
      'record the proposal as a new model version (refused if the AUC drops by more than the tolerance)',
    )
    .option('--force', 'accept even though the AUC drops by more than the tolerance')
    .option('--reason <text>', 'why (required with --accept; kept in the audit log)')
    .option('--json', 'print the comparison as JSON')
    .action(async (file: string, options: ProposeOptions) =>
      (await import('../actions/evidence.ts')).propose(globals(), file, options),
    );
};
