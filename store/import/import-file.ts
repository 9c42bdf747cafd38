import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { z } from 'zod';
import { CseError, ErrorCode } from '../../core/errors.ts';
import type { Db, Queryable } from '../db.ts';
import { moveAlertsToCurrentOwners } from '../repositories/alerts.ts';
import { findImportKind, IMPORT_KIND_NAMES, type ImportKind } from './kinds.ts';
import { formatOf, type InputProblem, readRecords } from './read-records.ts';

export interface ImportSummary {
  kind: string;
  file: string;
  format: 'csv' | 'jsonl';
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  duration_ms: number;
}

export interface ImportProgress {
  phase: 'validating' | 'writing';
  rows: number;
}

export interface ImportOptions {
  onProgress?: (progress: ImportProgress) => void;
  /** Rows between progress reports. */
  progressEvery?: number;
  /** When the import happens (the process clock), for what it records; the database's time when absent. */
  now?: string;
}

/** Kinds whose rows decide whose book an account is in: its alerts follow the change in the same transaction. */
const OWNER_KINDS = new Set(['accounts', 'users']);

const MAX_REPORTED_PROBLEMS = 100;
const TEMP_TABLE = '_import_rows';

interface ValidatedFile {
  /** Table columns loaded, in row order. */
  columns: string[];
  rows: unknown[][];
  /** account_id → first line it appears on (child kinds only). */
  accountLines: Map<string, number>;
  /** The file line each row came from. */
  lines: number[];
}

function describeProblem(file: string, p: InputProblem): string {
  return `${file} line ${p.line}${p.column ? `, column ${p.column}` : ''}: ${p.column ? 'value ' : ''}${p.message}`;
}

function invalidFile(file: string, problems: InputProblem[], total: number): CseError {
  const shown = problems.slice(0, 5).map((p) => describeProblem(file, p));
  const more = total > shown.length ? `; and ${total - shown.length} more problem(s)` : '';
  return new CseError(
    ErrorCode.ImportInvalid,
    `Import rejected, nothing was written: ${shown.join('; ')}${more}`,
    {
      hint: 'Fix the rows named above and run the same import again',
      details: problems.map((p) => ({ file, ...p })),
    },
  );
}

function rowSchema(kind: ImportKind) {
  return z.object(Object.fromEntries(kind.columns.map((c) => [c.name, c.field])));
}

type ParsedRow = { line: number; values: Record<string, unknown>; extras: Record<string, string> | null };

/** The header's required columns that are missing, each a problem on line 1. */
function missingColumns(
  kind: ImportKind,
  header: readonly string[],
  report: (p: InputProblem) => void,
): void {
  const present = new Set(header);
  for (const column of kind.columns)
    if (column.required && !present.has(column.name))
      report({
        line: 1,
        column: column.name,
        message: `required column is missing from the header (expected columns: ${kind.columns.map((c) => c.name).join(', ')})`,
      });
}

/** Checks one record against the kind: its fields, a duplicate key, and the columns kept as attributes. */
function checkRecord(
  kind: ImportKind,
  item: { line: number; cells: Record<string, string | null> },
  state: {
    schema: ReturnType<typeof rowSchema>;
    keyLines: Map<string, number>;
    report: (p: InputProblem) => void;
  },
): ParsedRow | null {
  const input: Record<string, string | null> = {};
  for (const column of kind.columns) input[column.name] = item.cells[column.name] ?? null;
  const parsed = state.schema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      state.report({ line: item.line, column: String(issue.path[0] ?? ''), message: issue.message });
    return null;
  }
  // A kind kept per product is keyed by its product too, when the row names one.
  const keyColumns = kind.columns.filter((c) => kind.key.includes(c.column));
  const product = kind.byProduct && parsed.data.product ? [String(parsed.data.product)] : [];
  const keyText = [...keyColumns.map((c) => String(parsed.data[c.name])), ...product].join(' / ');
  const firstLine = state.keyLines.get(keyText);
  if (firstLine !== undefined) {
    state.report({
      line: item.line,
      column: keyColumns.map((c) => c.name).join(', '),
      message: `duplicate key ${keyText} (first on line ${firstLine})`,
    });
    return null;
  }
  state.keyLines.set(keyText, item.line);
  kind.fillDefaults?.(parsed.data);
  const known = new Set(kind.columns.map((c) => c.name));
  let extras: Record<string, string> | null = null;
  for (const [name, value] of Object.entries(item.cells)) {
    if (!known.has(name) && value !== null && name !== '') {
      extras ??= {};
      extras[name] = value;
    }
  }
  return { line: item.line, values: parsed.data, extras };
}

/** The checked rows as the store takes them: the columns present (plus attributes), and each account's first line. */
function storedRows(
  kind: ImportKind,
  parsedRows: readonly ParsedRow[],
  present: Set<string> | null,
): ValidatedFile {
  // For JSON Lines, the "header" is every key used on any line.
  const presentNames =
    present ?? new Set(parsedRows.flatMap((r) => Object.keys(r.values).filter((k) => r.values[k] !== null)));
  const loaded = kind.columns.filter(
    (c) => presentNames.has(c.name) || c.required || parsedRows.some((r) => r.values[c.name] !== null),
  );
  const hasExtras = parsedRows.some((r) => r.extras !== null);
  const columns = [...loaded.map((c) => c.column), ...(hasExtras ? ['attributes'] : [])];
  const accountLines = new Map<string, number>();
  const rows = parsedRows.map((r) => {
    if (kind.belongsToAccount) {
      const accountId = String(r.values.account_id);
      if (!accountLines.has(accountId)) accountLines.set(accountId, r.line);
    }
    const row: unknown[] = loaded.map((c) => r.values[c.name]);
    if (hasExtras) row.push(r.extras ?? {});
    return row;
  });
  return { columns, rows, accountLines, lines: parsedRows.map((r) => r.line) };
}

async function validateFile(kind: ImportKind, path: string, options: ImportOptions): Promise<ValidatedFile> {
  const file = basename(path);
  const format = formatOf(path);
  if (!format)
    throw new CseError(ErrorCode.BadInput, `${file}: unknown file type`, {
      hint: 'Use a .csv file with a header row, or a .jsonl file (one JSON object per line)',
    });
  const problems: InputProblem[] = [];
  let problemCount = 0;
  const report = (p: InputProblem) => {
    problemCount++;
    if (problems.length < MAX_REPORTED_PROBLEMS) problems.push(p);
  };
  const state = { schema: rowSchema(kind), keyLines: new Map<string, number>(), report };
  let present: Set<string> | null = null;
  const parsedRows: ParsedRow[] = [];
  let records = 0;
  const every = options.progressEvery ?? 25_000;
  for await (const item of readRecords(path, format, report)) {
    if (Array.isArray(item)) {
      present = new Set(item);
      missingColumns(kind, item, report);
      if (problemCount > 0) break;
      continue;
    }
    records++;
    if (records % every === 0) options.onProgress?.({ phase: 'validating', rows: records });
    const row = checkRecord(kind, item, state);
    if (row) parsedRows.push(row);
  }
  if (present === null && format === 'csv')
    report({ line: 1, column: null, message: 'is empty: expected a header row' });
  if (problemCount > 0) throw invalidFile(file, problems, problemCount);
  return storedRows(kind, parsedRows, present);
}

async function assertAccountsExist(db: Db, file: string, accountLines: Map<string, number>): Promise<void> {
  if (accountLines.size === 0) return;
  const ids = [...accountLines.keys()];
  const found = await db.query<{ account_id: string }>(
    'SELECT account_id FROM accounts WHERE account_id = ANY($1::text[])',
    [ids],
  );
  const known = new Set(found.map((r) => r.account_id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length === 0) return;
  const listed = unknown.slice(0, 10).map((id) => `${id} (line ${accountLines.get(id)})`);
  throw new CseError(
    ErrorCode.ImportInvalid,
    `Import rejected, nothing was written: ${file} refers to ${unknown.length} unknown account_id(s): ${listed.join(', ')}${unknown.length > 10 ? ', …' : ''}`,
    {
      hint: 'Import those accounts first (cse import accounts <file>), or fix the account_id column',
      details: unknown.map((id) => ({
        file,
        line: accountLines.get(id),
        column: 'account_id',
        message: `unknown account_id ${id}`,
      })),
    },
  );
}

/** SQL that is true when the stored row differs from the incoming one in any loaded column. */
function differs(kind: ImportKind, columns: string[], stored: string, incoming: string): string {
  const compared = columns.filter((c) => !kind.key.includes(c) && c !== 'attributes');
  const parts: string[] = [];
  if (compared.length > 0) {
    parts.push(
      `ROW(${compared.map((c) => `${stored}.${c}`).join(', ')}) IS DISTINCT FROM ROW(${compared.map((c) => `${incoming}.${c}`).join(', ')})`,
    );
  }
  if (columns.includes('attributes')) parts.push(`NOT (${stored}.attributes @> ${incoming}.attributes)`);
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
}

async function writeRows(
  tx: Queryable,
  kind: ImportKind,
  validated: ValidatedFile,
): Promise<{ inserted: number; updated: number; unchanged: number }> {
  const { columns, rows } = validated;
  await tx.exec(`CREATE TEMP TABLE ${TEMP_TABLE} (LIKE ${kind.table} INCLUDING DEFAULTS) ON COMMIT DROP`);
  await tx.copyRows(TEMP_TABLE, columns, rows);
  const join = kind.key.map((k) => `t.${k} = i.${k}`).join(' AND ');
  const change = differs(kind, columns, 't', 'i');
  const [counts] = await tx.query<{ inserted: number; updated: number; unchanged: number }>(
    `SELECT count(*) FILTER (WHERE t.${kind.key[0]} IS NULL)::int AS inserted,
            count(*) FILTER (WHERE t.${kind.key[0]} IS NOT NULL AND ${change})::int AS updated,
            count(*) FILTER (WHERE t.${kind.key[0]} IS NOT NULL AND NOT ${change})::int AS unchanged
       FROM ${TEMP_TABLE} i LEFT JOIN ${kind.table} t ON ${join}`,
  );
  const assignments = columns
    .filter((c) => !kind.key.includes(c))
    .map((c) =>
      c === 'attributes'
        ? `attributes = ${kind.table}.attributes || EXCLUDED.attributes`
        : `${c} = EXCLUDED.${c}`,
    );
  if (kind.table === 'accounts') assignments.push('updated_at = now()');
  const conflict =
    assignments.length > 0
      ? `DO UPDATE SET ${assignments.join(', ')} WHERE ${differs(kind, columns, kind.table, 'EXCLUDED')}`
      : 'DO NOTHING';
  // Imported feedback is history: it was received when it was written, so as-of reports see it
  // on its own dates (never on the day of the import, which depends on when it ran).
  const received = kind.table === 'feedback' ? { column: ', received_at', value: ', created_at' } : null;
  await tx.query(
    `INSERT INTO ${kind.table} (${columns.join(', ')}${received?.column ?? ''}) SELECT ${columns.join(', ')}${received?.value ?? ''} FROM ${TEMP_TABLE} ON CONFLICT (${kind.key.join(', ')}) ${conflict}`,
  );
  return counts ?? { inserted: 0, updated: 0, unchanged: 0 };
}

/**
 * A file of a kind kept per product (revenue, usage): when its rows name a product, they are that
 * kind's product rows, keyed by product too; a file mixes nothing (every row names one, or none
 * does). Without products, the product column is left out. Pure.
 */
function productSplit(
  kind: ImportKind,
  file: string,
  validated: ValidatedFile,
): { kind: ImportKind; validated: ValidatedFile } {
  const at = validated.columns.indexOf('product');
  if (!kind.byProduct || at < 0) return { kind, validated };
  const named = validated.rows.map((r) => r[at] !== null && r[at] !== undefined);
  if (!named.some(Boolean)) {
    const keep = (r: unknown[]) => r.filter((_, k) => k !== at);
    return {
      kind,
      validated: {
        ...validated,
        columns: keep(validated.columns) as string[],
        rows: validated.rows.map(keep),
      },
    };
  }
  const blank = named.indexOf(false);
  if (blank >= 0)
    throw new CseError(
      ErrorCode.ImportInvalid,
      `Import rejected, nothing was written: ${file} line ${validated.lines[blank]}, column product: empty, while other rows name a product`,
      {
        hint: 'Name the product on every row (per-product lines), or leave the column out (one line per account)',
      },
    );
  return {
    kind: { ...kind, table: kind.byProduct.table, key: [...kind.key, 'product'] },
    validated,
  };
}

/** The account rows of the months (or days) the product rows touched: the sum of their products. */
async function sumProducts(tx: Queryable, kind: ImportKind, validated: ValidatedFile): Promise<void> {
  const by = kind.byProduct as { table: string; sumInto: string };
  const keys = kind.key;
  const at = keys.map((k) => validated.columns.indexOf(k));
  const touched = [
    ...new Map(
      validated.rows.map((r) => [JSON.stringify(at.map((i) => r[i])), at.map((i) => r[i])]),
    ).values(),
  ];
  await tx.query(
    `INSERT INTO ${kind.table} (${keys.join(', ')}, ${by.sumInto})
     SELECT ${keys.map((k) => `p.${k}`).join(', ')}, sum(p.${by.sumInto})
       FROM ${by.table} p
       JOIN json_to_recordset($1::json) AS t(${keys.map((k) => `${k} text`).join(', ')})
         ON ${keys.map((k) => `p.${k}::text = t.${k}`).join(' AND ')}
      GROUP BY ${keys.map((k) => `p.${k}`).join(', ')}
     ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${by.sumInto} = EXCLUDED.${by.sumInto}`,
    [JSON.stringify(touched.map((values) => Object.fromEntries(keys.map((k, i) => [k, String(values[i])]))))],
  );
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Imports one file of one kind, all or nothing: every row is validated first; any problem
 * (bad value, missing column, duplicate key, unknown account) rejects the whole file with the
 * file, line and column named, and nothing is written. Valid files are upserted on the natural
 * key in one transaction, so importing the same file twice changes nothing the second time.
 */
export async function importFile(
  db: Db,
  kindName: string,
  path: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const kind = findImportKind(kindName);
  if (!kind) {
    throw new CseError(ErrorCode.BadInput, `Unknown import kind '${kindName}'`, {
      hint: `Use one of: ${IMPORT_KIND_NAMES.join(', ')}`,
    });
  }
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new CseError(ErrorCode.FileNotFound, `File not found: ${path}`, {
      hint: 'Check the path; it is relative to the current directory',
    });
  }
  const file = basename(path);
  const all = await validateFile(kind, path, options);
  const { kind: target, validated } = productSplit(kind, file, all);
  if (kind.belongsToAccount) await assertAccountsExist(db, file, validated.accountLines);
  if (validated.rows.length >= (options.progressEvery ?? 25_000))
    options.onProgress?.({ phase: 'writing', rows: validated.rows.length });
  const digest = await sha256(path);
  const counts = await db.transaction(async (tx) => {
    const result = await writeRows(tx, target, validated);
    if (target !== kind && kind.byProduct?.sumInto) await sumProducts(tx, kind, validated);
    if (OWNER_KINDS.has(kind.kind))
      await moveAlertsToCurrentOwners(tx, null, options.now ?? null, `cse import ${kind.kind} ${file}`);
    await tx.query(
      'INSERT INTO import_runs (kind, file, sha256, rows, inserted, updated, unchanged, duration_ms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [
        kind.kind,
        file,
        digest,
        validated.rows.length,
        result.inserted,
        result.updated,
        result.unchanged,
        Math.round(performance.now() - started),
      ],
    );
    return result;
  });
  // Fresh planner statistics: a bulk load can change a table's size by orders of magnitude.
  if (counts.inserted > 0) await db.exec(`ANALYZE ${target.table}`);
  return {
    kind: kind.kind,
    file,
    format: formatOf(path) ?? 'csv',
    rows: validated.rows.length,
    ...counts,
    duration_ms: Math.round(performance.now() - started),
  };
}
