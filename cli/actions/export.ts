import { CseError, ErrorCode } from '../../core/errors.ts';
import { exportedKind, exportRecords } from '../../store/import/export-kind.ts';
import { IMPORT_KIND_NAMES } from '../../store/import/kind-names.ts';
import { findImportKind } from '../../store/import/kinds.ts';
import { csvLine } from '../../tools/text/csv.ts';
import { note, print } from '../output.ts';
import { type GlobalOptions, withRuntime } from '../runtime.ts';

/** `cse export <kind> [--json]`: CSV with a header, or JSON Lines, on standard output. */
export async function exportKind(
  globals: GlobalOptions,
  kindName: string,
  options: { json?: boolean; byProduct?: boolean },
): Promise<void> {
  const found = findImportKind(kindName);
  if (!found)
    throw new CseError(ErrorCode.BadInput, `Unknown kind '${kindName}'`, {
      hint: `Use one of: ${IMPORT_KIND_NAMES.join(', ')}`,
    });
  if (options.byProduct && !found.byProduct)
    throw new CseError(ErrorCode.BadInput, `${found.kind} is not kept per product`, {
      hint: '--by-product exports revenue or usage lines per product',
    });
  const kind = exportedKind(found, options.byProduct);
  await withRuntime(globals, async (rt) => {
    const records = await exportRecords(rt.db, kind);
    const names = kind.columns.map((c) => c.name);
    const lines = options.json
      ? records.map((r) => JSON.stringify(r))
      : [csvLine(names), ...records.map((r) => csvLine(names.map((n) => r[n] ?? null)))];
    print(lines.join('\n'));
    note(`${records.length.toLocaleString('en-US')} ${kind.kind} row(s) exported`);
  });
}
