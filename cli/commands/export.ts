import { IMPORT_KIND_NAMES } from '../../store/import/kind-names.ts';
import type { RegisterCommand } from './register.ts';

export const registerExport: RegisterCommand = (program, globals) => {
  program
    .command('export')
    .description(
      `write every stored row of an import kind to standard output with the import's column names, so it can be imported again unchanged. Kinds: ${IMPORT_KIND_NAMES.join(', ')}`,
    )
    .argument('<kind>', `one of: ${IMPORT_KIND_NAMES.join(', ')}`)
    .option('--json', 'JSON Lines instead of CSV')
    .option('--by-product', 'revenue or usage per product line (with its product column), not per account')
    .addHelpText(
      'after',
      '\nExample: cse export revenue > revenue.csv   (and back: cse import revenue revenue.csv)',
    )
    .action(async (kind: string, options: { json?: boolean; byProduct?: boolean }) =>
      (await import('../actions/export.ts')).exportKind(globals(), kind, options),
    );
};
