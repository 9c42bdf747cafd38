import { IMPORT_KIND_NAMES } from '../../store/import/kind-names.ts';
import type { RegisterCommand } from './register.ts';

export const registerImport: RegisterCommand = (program, globals) => {
  program
    .command('import')
    .description(
      `load a CSV (with header) or JSON Lines file; all-or-nothing, idempotent. Kinds: ${IMPORT_KIND_NAMES.join(', ')}`,
    )
    .argument('<kind>', `one of: ${IMPORT_KIND_NAMES.join(', ')}`)
    .argument('<file>', 'a .csv or .jsonl file')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nColumns for every kind: docs/data-model.md. Errors name the file, line and column; nothing is written.',
    )
    .action(async (kind: string, file: string, options: { json?: boolean }) =>
      (await import('../actions/load-data.ts')).importData(globals(), kind, file, options),
    );
};
