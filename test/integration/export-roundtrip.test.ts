import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportedKind, exportRecords } from '../../store/import/export-kind.ts';
import { importFile } from '../../store/import/import-file.ts';
import { IMPORT_KIND_NAMES } from '../../store/import/kind-names.ts';
import { findImportKind, type ImportKind } from '../../store/import/kinds.ts';
import { csvLine } from '../../tools/text/csv.ts';
import { openDemoStore, openTestStore, type TestStore } from '../helpers/test-db.ts';

/** Users and accounts first: every other kind belongs to an account. */
const ORDER = ['users', 'accounts', ...IMPORT_KIND_NAMES.filter((k) => k !== 'users' && k !== 'accounts')];

describe('cse export: every import kind round-trips through its own file format', () => {
  let demo: TestStore;
  let copy: TestStore;
  let dir: string;
  beforeAll(async () => {
    demo = await openDemoStore('2026-11-24', 40, 7);
    copy = await openTestStore();
    dir = mkdtempSync(join(tmpdir(), 'cse-export-'));
  });
  afterAll(async () => {
    await demo.cleanup();
    await copy.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports with the import column names, and importing the file into an empty store gives the same rows back', async () => {
    const counts: Record<string, number> = {};
    for (const [k, name] of ORDER.entries()) {
      const kind = exportedKind(findImportKind(name) as ImportKind);
      const records = await exportRecords(demo.db, kind);
      counts[name] = records.length;
      const names = kind.columns.map((c) => c.name);
      expect(Object.keys(records[0] ?? Object.fromEntries(names.map((n) => [n, null])))).toEqual(names);
      // Alternate the two formats: CSV with a header, and JSON Lines.
      const file = join(dir, `${name}.${k % 2 === 0 ? 'csv' : 'jsonl'}`);
      writeFileSync(
        file,
        k % 2 === 0
          ? [csvLine(names), ...records.map((r) => csvLine(names.map((n) => r[n] ?? null)))].join('\n')
          : records.map((r) => JSON.stringify(r)).join('\n'),
      );
      if (records.length > 0) await importFile(copy.db, name, file);
      expect(await exportRecords(copy.db, kind), name).toEqual(records);
    }
    expect(counts.accounts).toBe(40);
    expect(counts.revenue).toBeGreaterThan(400);
    expect(counts.users).toBeGreaterThan(0);
  });

  it('exports revenue and usage per product line, and imports them back unchanged (the account revenue stays their sum)', async () => {
    const accountRevenue = await exportRecords(
      demo.db,
      exportedKind(findImportKind('revenue') as ImportKind),
    );
    for (const name of ['revenue', 'usage']) {
      const kind = exportedKind(findImportKind(name) as ImportKind, true);
      const records = await exportRecords(demo.db, kind);
      expect(records.length, name).toBeGreaterThan(0);
      expect(Object.keys(records[0] ?? {})).toContain('product');
      const names = kind.columns.map((c) => c.name);
      const file = join(dir, `${name}-by-product.csv`);
      writeFileSync(
        file,
        [csvLine(names), ...records.map((r) => csvLine(names.map((n) => r[n] ?? null)))].join('\n'),
      );
      await importFile(copy.db, name, file);
      expect(await exportRecords(copy.db, kind), name).toEqual(records);
    }
    expect(await exportRecords(copy.db, exportedKind(findImportKind('revenue') as ImportKind))).toEqual(
      accountRevenue,
    );
  });

  it('writes money with two decimals, months as YYYY-MM and times in UTC', async () => {
    const [revenue] = await exportRecords(demo.db, exportedKind(findImportKind('revenue') as ImportKind));
    expect(revenue?.month).toMatch(/^\d{4}-\d{2}$/);
    expect(revenue?.mrr).toMatch(/^\d+\.\d{2}$/);
    const [ticket] = await exportRecords(demo.db, findImportKind('tickets') as ImportKind);
    expect(ticket?.opened_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(csvLine(['a,b', 'say "hi"', null, ' x'])).toBe('"a,b","say ""hi""",," x"');
  });

  it('writes a formula-like cell as text a spreadsheet will not run, and imports it back as it was', async () => {
    expect(
      csvLine(['=HYPERLINK("https://evil.example","click")', '+1+1', '@SUM(A1)', '-2+3', '-12.5', 'ok']),
    ).toBe(`"'=HYPERLINK(""https://evil.example"",""click"")",'+1+1,'@SUM(A1),'-2+3,-12.5,ok`);
    const [account] = await exportRecords(copy.db, exportedKind(findImportKind('accounts') as ImportKind));
    const text = '=HYPERLINK("https://evil.example","click")';
    const file = join(dir, 'formula-feedback.csv');
    writeFileSync(
      file,
      [
        csvLine(['feedback_id', 'account_id', 'source', 'created_at', 'text']),
        csvLine(['FB-FORMULA-1', String(account?.account_id), 'in_app', '2026-11-20T10:00:00.000Z', text]),
      ].join('\n'),
    );
    await importFile(copy.db, 'feedback', file);
    const [stored] = await copy.db.query<{ text: string }>(
      "SELECT text FROM feedback WHERE feedback_id = 'FB-FORMULA-1'",
    );
    expect(stored?.text).toBe(text);
  });
});
