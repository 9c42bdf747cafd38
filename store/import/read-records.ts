import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

/** One input record: the line it starts on, and its cells (null = empty or absent). */
export interface InputRecord {
  line: number;
  cells: Record<string, string | null>;
}

export interface InputProblem {
  line: number;
  column: string | null;
  message: string;
}

export type FileFormat = 'csv' | 'jsonl';

export function formatOf(file: string): FileFormat | null {
  const lower = file.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return null;
}

const normaliseHeader = (name: string) => name.trim().toLowerCase();

function cell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value).trim();
  return text === '' ? null : text;
}

/** A CSV cell exported as text for spreadsheets ("'=SUM(1)"): its value, without the apostrophe. */
const fromSpreadsheetText = (value: string | null) =>
  value !== null && /^'[=+\-@\t\r]/.test(value) ? value.slice(1) : value;

/**
 * Control characters (NUL, escape sequences that would drive a terminal, …) have no place in
 * imported data: tab, line feed and carriage return aside. The first one, as U+XXXX, or null.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
function controlIn(value: string | null): string | null {
  const found = value === null ? null : CONTROL.exec(value);
  return found ? `U+${found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** The record's cells, or a problem naming the first column that holds a control character. */
function checkedCells(
  line: number,
  cells: Record<string, string | null>,
  onProblem: (p: InputProblem) => void,
): Record<string, string | null> | null {
  for (const [column, value] of Object.entries(cells)) {
    const control = controlIn(value) ?? controlIn(column);
    if (control) {
      onProblem({ line, column, message: `holds a control character (${control}): remove it` });
      return null;
    }
  }
  return cells;
}

/**
 * Reads CSV with a real parser: quoted fields, embedded newlines, a BOM, CRLF line ends.
 * Yields the header first (line 1), then records with the line they start on.
 */
async function* readCsv(
  file: string,
  onProblem: (p: InputProblem) => void,
): AsyncGenerator<InputRecord | string[]> {
  const parser = createReadStream(file).pipe(
    parse({ bom: true, info: true, skip_empty_lines: true, relax_column_count: true }),
  );
  let header: string[] | null = null;
  let previousEnd = 0;
  let previousEmpty = 0;
  for await (const { record, info } of parser as AsyncIterable<{
    record: string[];
    info: { lines: number; empty_lines: number };
  }>) {
    const line = previousEnd + 1 + (info.empty_lines - previousEmpty);
    previousEnd = info.lines;
    previousEmpty = info.empty_lines;
    if (header === null) {
      header = record.map(normaliseHeader);
      yield header;
      continue;
    }
    if (record.length !== header.length) {
      onProblem({
        line,
        column: null,
        message: `has ${record.length} fields but the header has ${header.length}`,
      });
      continue;
    }
    const cells: Record<string, string | null> = {};
    header.forEach((name, i) => {
      cells[name] = fromSpreadsheetText(cell(record[i]));
    });
    const checked = checkedCells(line, cells, onProblem);
    if (checked) yield { line, cells: checked };
  }
}

/** Reads JSON Lines: one object per line; blank lines are skipped. */
async function* readJsonl(file: string, onProblem: (p: InputProblem) => void): AsyncGenerator<InputRecord> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
  let line = 0;
  for await (const raw of lines) {
    line++;
    const text = line === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      onProblem({ line, column: null, message: `is not valid JSON (${(error as Error).message})` });
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      onProblem({ line, column: null, message: 'is not a JSON object' });
      continue;
    }
    const cells: Record<string, string | null> = {};
    for (const [name, v] of Object.entries(value)) cells[normaliseHeader(name)] = cell(v);
    const checked = checkedCells(line, cells, onProblem);
    if (checked) yield { line, cells: checked };
  }
}

/** Reads a CSV or JSON Lines file into records; the header (CSV only) comes first. */
export function readRecords(
  file: string,
  format: FileFormat,
  onProblem: (p: InputProblem) => void,
): AsyncGenerator<InputRecord | string[]> {
  return format === 'csv' ? readCsv(file, onProblem) : readJsonl(file, onProblem);
}
