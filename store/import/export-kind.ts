import type { Queryable } from '../db.ts';
import type { ImportKind } from './kinds.ts';

/** One exported row: the import's column names, values as the importer reads them back. */
export type ExportRecord = Record<string, string | null>;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * The SQL that renders one stored column as its import column reads it: money from cents with two
 * decimals, a month as YYYY-MM, a date as YYYY-MM-DD, a time in UTC ISO 8601, a list as "6,7,8".
 * By the column's type in the store, so PostgreSQL and PGlite give the same text.
 */
function rendered(column: string, fileName: string, dataType: string): string {
  const c = quote(column);
  if (column.endsWith('_cents')) return `to_char(${c} / 100.0, 'FM999999999999990.00')`;
  if (dataType === 'date')
    return fileName === 'month' ? `to_char(${c}, 'YYYY-MM')` : `to_char(${c}, 'YYYY-MM-DD')`;
  if (dataType.startsWith('timestamp'))
    return `to_char(${c} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
  if (dataType === 'ARRAY') return `NULLIF(array_to_string(${c}, ','), '')`;
  return `${c}::text`;
}

/**
 * What an export of a kind reads: for a kind kept per product (revenue, usage), the account rows
 * without the product column, or with `byProduct` the product rows keyed by product too. Pure.
 */
export function exportedKind(kind: ImportKind, byProduct = false): ImportKind {
  if (!kind.byProduct) return kind;
  if (byProduct) return { ...kind, table: kind.byProduct.table, key: [...kind.key, 'product'] };
  return { ...kind, columns: kind.columns.filter((c) => c.name !== 'product') };
}

/**
 * Every stored row of an import kind, in key order, with the import's column names (DESIGN §13:
 * `cse export <kind>`), so a file exported and imported again changes nothing.
 */
export async function exportRecords(db: Queryable, kind: ImportKind): Promise<ExportRecord[]> {
  const types = await db.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = $1`,
    [kind.table],
  );
  const typeOf = new Map(types.map((t) => [t.column_name, t.data_type]));
  const select = kind.columns
    .map((c) => `${rendered(c.column, c.name, typeOf.get(c.column) ?? 'text')} AS ${quote(c.name)}`)
    .join(', ');
  return db.query<ExportRecord>(
    `SELECT ${select} FROM ${quote(kind.table)} ORDER BY ${kind.key.map(quote).join(', ')}`,
  );
}
