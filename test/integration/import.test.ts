import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CseError, exitCodeFor } from '../../core/errors.ts';
import { importFile } from '../../store/import/import-file.ts';
import { getAccount } from '../../store/repositories/accounts.ts';
import { contactsForAccount } from '../../store/repositories/contacts.ts';
import { revenueForAccount } from '../../store/repositories/revenue.ts';
import { openTestStore, type TestStore, tableCounts } from '../helpers/test-db.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
const fixture = (name: string) => join(FIXTURES, name);
const scratch = mkdtempSync(join(tmpdir(), 'cse-import-'));
const writeScratch = (name: string, text: string) => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

async function rejection(promise: Promise<unknown>): Promise<CseError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(CseError);
    return error as CseError;
  }
  throw new Error('expected the import to be rejected');
}

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => store.cleanup());

describe(`import on ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('rejects a file with one bad date on line 57, naming line and column, and writes nothing', async () => {
    const before = await tableCounts(store.db);
    const error = await rejection(importFile(store.db, 'accounts', fixture('accounts_bad_date_line57.csv')));
    expect(error.code).toBe('import_invalid');
    expect(exitCodeFor(error)).toBe(2);
    expect(error.message).toContain('accounts_bad_date_line57.csv line 57, column renewal_date');
    expect(error.message).toContain('"2027-02-30" is not a valid date');
    expect(error.details).toEqual([
      expect.objectContaining({ file: 'accounts_bad_date_line57.csv', line: 57, column: 'renewal_date' }),
    ]);
    expect(await tableCounts(store.db)).toEqual(before);
  });

  it('rejects a NUL or a terminal escape sequence in a file with exit 2, naming file, line and column, and writes nothing', async () => {
    const before = await tableCounts(store.db);
    for (const [name, text, line, column, char] of [
      ['nul.csv', 'account_id,name\nACC-N1,Fine Co\nACC-N2,Bad\u0000Co\n', 3, 'name', 'U+0000'],
      ['escape.csv', 'account_id,name\nACC-E1,\u001b[31mRed Co\u001b[0m\n', 2, 'name', 'U+001B'],
      [
        'nul.jsonl',
        '{"account_id":"ACC-J1","name":"Ok"}\n{"account_id":"ACC-J2","name":"N\\u0000L"}\n',
        2,
        'name',
        'U+0000',
      ],
    ] as const) {
      const error = await rejection(importFile(store.db, 'accounts', writeScratch(name, text)));
      expect(error.code).toBe('import_invalid');
      expect(exitCodeFor(error)).toBe(2);
      expect(error.message).toContain(
        `${name} line ${line}, column ${column}: value holds a control character (${char})`,
      );
    }
    expect(await tableCounts(store.db)).toEqual(before);
  });

  it('imports a good file, then reports a second import of it as all unchanged', async () => {
    const first = await importFile(store.db, 'accounts', fixture('accounts.csv'));
    expect(first).toMatchObject({ kind: 'accounts', rows: 70, inserted: 70, updated: 0, unchanged: 0 });
    const second = await importFile(store.db, 'accounts', fixture('accounts.csv'));
    expect(second).toMatchObject({ rows: 70, inserted: 0, updated: 0, unchanged: 70 });
    const runs = await store.db.query<{ inserted: number; unchanged: number }>(
      "SELECT inserted, unchanged FROM import_runs WHERE kind = 'accounts' ORDER BY id",
    );
    expect(runs).toEqual([
      { inserted: 70, unchanged: 0 },
      { inserted: 0, unchanged: 70 },
    ]);
  });

  it('converts values: money to cents, month lists, quoted commas, extra columns into attributes', async () => {
    expect(await getAccount(store.db, 'F005')).toMatchObject({
      name: 'Comma, Quote "Co"',
      arr_cents: 3_600_000,
      attributes: { region: 'EMEA' },
    });
    expect(await getAccount(store.db, 'F010')).toMatchObject({
      seasonal_months: [6, 7, 8],
      renewal_date: '2027-11-15',
      contract_term: 'annual',
    });
    expect(await getAccount(store.db, 'F017')).toMatchObject({
      status: 'churned',
      churned_at: '2026-06-30',
      churn_reason: 'budget',
    });
  });

  it('counts updates when values change, and leaves columns absent from the file as they were', async () => {
    const path = writeScratch(
      'accounts_update.csv',
      'account_id,name,arr\nF001,Fixture Co 01,130000\nF002,Fixture Co 02,9000\nNEW1,Brand New,\n',
    );
    expect(await importFile(store.db, 'accounts', path)).toMatchObject({
      inserted: 1,
      updated: 1,
      unchanged: 1,
    });
    expect(await getAccount(store.db, 'F001')).toMatchObject({
      arr_cents: 13_000_000,
      segment: 'mid-market',
      attributes: { region: 'EMEA' },
    });
    expect(await getAccount(store.db, 'NEW1')).toMatchObject({
      name: 'Brand New',
      status: 'active',
      arr_cents: null,
    });
  });

  it('imports revenue (months, cents) idempotently', async () => {
    const first = await importFile(store.db, 'revenue', fixture('revenue.csv'));
    expect(first).toMatchObject({ rows: 816, inserted: 816 });
    expect((await importFile(store.db, 'revenue', fixture('revenue.csv'))).unchanged).toBe(816);
    const f007 = await revenueForAccount(store.db, 'F007');
    expect(f007.at(-1)).toEqual({ account_id: 'F007', month: '2026-12', mrr_cents: 6_200 });
  });

  it('reads CSV with a BOM, CRLF line ends, blank lines and embedded newlines', async () => {
    const summary = await importFile(store.db, 'contacts', fixture('contacts_bom_crlf.csv'));
    expect(summary).toMatchObject({ rows: 3, inserted: 3 });
    const contacts = await contactsForAccount(store.db, 'F001');
    expect(contacts.find((c) => c.contact_id === 'K1')?.title).toBe('Head of\nOperations');
    const [cy] = await contactsForAccount(store.db, 'F002');
    expect(cy).toMatchObject({ title: 'Director, "Ops"', left_at: '2026-10-15', role: 'champion' });
  });

  it('reports the line a record starts on even after embedded newlines and blank lines', async () => {
    const path = writeScratch(
      'contacts_bad.csv',
      'contact_id,account_id,title,role\r\nX1,F001,"two\nlines",champion\r\n\r\nX2,F001,ok,boss\r\n',
    );
    const error = await rejection(importFile(store.db, 'contacts', path));
    expect(error.message).toContain(
      'contacts_bad.csv line 5, column role: value "boss" is not one of champion, exec_sponsor',
    );
  });

  it('imports JSON Lines, skipping blank lines and keeping unknown keys as attributes', async () => {
    const summary = await importFile(store.db, 'feedback', fixture('feedback.jsonl'));
    expect(summary).toMatchObject({ format: 'jsonl', rows: 3, inserted: 3 });
    const [fb2] = await store.db.query<{ created_at: string; attributes: unknown; status: string }>(
      "SELECT created_at, attributes, status FROM feedback WHERE feedback_id = 'FB2'",
    );
    expect(fb2).toEqual({
      created_at: '2026-10-02T14:30:00.000Z',
      attributes: { sentiment_hint: 'neutral' },
      status: 'new',
    });
    expect((await importFile(store.db, 'feedback', fixture('feedback.jsonl'))).unchanged).toBe(3);
  });

  it('rejects child rows for unknown accounts, listing them with their lines', async () => {
    const before = await tableCounts(store.db);
    const path = writeScratch(
      'revenue_unknown.csv',
      'account_id,month,mrr\nF001,2025-01,10\nGHOST1,2025-01,5\nGHOST2,2025-02,5\nGHOST1,2025-02,5\n',
    );
    const error = await rejection(importFile(store.db, 'revenue', path));
    expect(error.message).toContain('refers to 2 unknown account_id(s): GHOST1 (line 3), GHOST2 (line 4)');
    expect(error.hint).toContain('cse import accounts');
    expect(await tableCounts(store.db)).toEqual(before);
  });

  it('rejects duplicate keys within a file, naming both lines', async () => {
    const path = writeScratch('revenue_dup.csv', 'account_id,month,mrr\nF001,2025-01,10\nF001,2025-01,11\n');
    const error = await rejection(importFile(store.db, 'revenue', path));
    expect(error.message).toContain(
      'revenue_dup.csv line 3, column account_id, month: value duplicate key F001 / 2025-01-01 (first on line 2)',
    );
  });

  it('rejects a header without a required column', async () => {
    const path = writeScratch('revenue_nohdr.csv', 'account_id,mrr\nF001,10\n');
    const error = await rejection(importFile(store.db, 'revenue', path));
    expect(error.message).toContain(
      'revenue_nohdr.csv line 1, column month: value required column is missing from the header',
    );
  });

  it('lists several problems in one message and counts the rest', async () => {
    const lines = [
      'account_id,month,mrr',
      ...Array.from({ length: 8 }, (_, i) => `F001,2025-${i + 1},-${i}`),
    ];
    const error = await rejection(
      importFile(store.db, 'revenue', writeScratch('many.csv', `${lines.join('\n')}\n`)),
    );
    expect(error.message).toContain(
      'many.csv line 2, column month: value "2025-1" is not a valid month (expected YYYY-MM)',
    );
    expect(error.message).toMatch(/and 11 more problem\(s\)$/);
    expect((error.details as unknown[]).length).toBe(16);
  });

  it('rejects rows with the wrong number of fields, malformed JSON, unknown kinds, missing files and unknown extensions', async () => {
    expect(
      (
        await rejection(
          importFile(store.db, 'revenue', writeScratch('short.csv', 'account_id,month,mrr\nF001,2025-01\n')),
        )
      ).message,
    ).toContain('short.csv line 2: has 2 fields but the header has 3');
    expect(
      (await rejection(importFile(store.db, 'feedback', writeScratch('bad.jsonl', '{"feedback_id": "x"\n'))))
        .message,
    ).toContain('bad.jsonl line 1: is not valid JSON');
    expect((await rejection(importFile(store.db, 'widgets', fixture('accounts.csv')))).hint).toContain(
      'accounts, contacts, revenue',
    );
    expect((await rejection(importFile(store.db, 'accounts', join(scratch, 'nope.csv')))).code).toBe(
      'file_not_found',
    );
    expect(
      (await rejection(importFile(store.db, 'accounts', writeScratch('a.xlsx', 'x')))).message,
    ).toContain('unknown file type');
  });
});
