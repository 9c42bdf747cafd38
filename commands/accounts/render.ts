import { formatMoney, formatMoneyShort } from '../../core/money.ts';
import { formatTable } from '../../render/table.ts';
import { csvLine } from '../../tools/text/csv.ts';
import type { AccountsData } from './command.ts';

/** Rows a text answer shows before pointing to the rest. */
export const PAGE_SIZE = 15;

const cents = (amount: number) => Math.round(amount * 100);
type Row = AccountsData['accounts'][number];

/** The columns beyond the standard ones that some row carries: the facts the list filtered on. */
const EXTRA: readonly [string, (r: Row) => string | null][] = [
  ['Engagement', (r) => r.engagement?.replace('_', ' ') ?? null],
  ['Stage', (r) => r.stage?.replace(/_/g, ' ') ?? null],
  ['Alerts', (r) => (r.open_alerts === null ? null : String(r.open_alerts))],
  ['Last touch', (r) => (r.last_touch === null ? null : r.last_touch.slice(0, 10))],
  ['Exec sponsor', (r) => (r.exec_sponsor === null ? null : r.exec_sponsor ? 'yes' : 'no')],
  ['Champion', (r) => (r.champion === null ? null : r.champion ? 'yes' : 'no')],
  ['Open tickets', (r) => (r.open_tickets === null ? null : r.open_tickets.join(' ').toUpperCase() || '—')],
  ['Products', (r) => (r.products === null ? null : r.products.join(', ') || '—')],
  ['Said', (r) => (r.signals === null ? null : r.signals.join(', ').replace(/_/g, ' ') || '—')],
];

/** The list's page as a table: name, tier and score, ARR, renewal, CSM, and the filtered facts. */
export function accountsTable(rows: readonly Row[], offset = 0): string {
  const extra = EXTRA.filter(([, cell]) => rows.some((r) => cell(r) !== null));
  return formatTable(
    ['#', 'Account', 'Tier', 'Health', 'ARR', 'Renews', 'CSM', ...extra.map(([h]) => h)],
    rows.map((r, i) => [
      String(offset + i + 1),
      r.name,
      r.tier ?? '—',
      r.score === null ? '—' : String(r.score),
      formatMoneyShort(cents(r.arr)),
      r.renewal_date ?? '—',
      r.csm?.split('@')[0] ?? '—',
      ...extra.map(([, cell]) => cell(r) ?? ''),
    ]),
    ['right', 'left', 'left', 'right', 'right', 'left', 'left'],
  );
}

/** One page of a list: its title, the body (what was understood, the rows), and what is left after it. Pure. */
export function accountsPage(data: AccountsData): {
  title: string;
  body: string;
  next: number;
  left: number;
} {
  const page = data.accounts.slice(0, PAGE_SIZE);
  const first = data.offset + 1;
  const last = data.offset + page.length;
  const title = `Accounts — ${data.total} (ARR ${formatMoney(cents(data.total_arr))}), as of ${data.as_of}`;
  const understood = `Understood: ${data.understood}`;
  const page_ = { title, next: last, left: Math.max(0, data.total - last) };
  if (data.total === 0)
    return {
      ...page_,
      body: `${understood}

No account passes every filter. Drop one (e.g. the renewal window or the tier) to widen the list.`,
    };
  if (page.length === 0)
    return {
      ...page_,
      body: `${understood}

The list has ${data.total} accounts; nothing from position ${first} on.`,
    };
  return {
    ...page_,
    body: [
      understood,
      '',
      `Showing ${first}–${last} of ${data.total}`,
      accountsTable(page, data.offset),
    ].join('\n'),
  };
}

/** Terminal text for an account list: what was understood, the first page, and how to see the rest. Pure. */
export function renderAccounts(data: AccountsData): string {
  const { title, body, next, left } = accountsPage(data);
  const more =
    left > 0 ? [`…and ${left} more: add --offset ${next} (or --csv / --json for the whole list)`] : [];
  return [title, body, ...(more.length > 0 ? ['', ...more] : [])].join('\n');
}

/** The CSV columns of a list: the standard ones, then every filtered fact. */
const CSV_COLUMNS: readonly [string, (r: Row) => string | null][] = [
  ['account_id', (r) => r.account_id],
  ['name', (r) => r.name],
  ['segment', (r) => r.segment],
  ['csm', (r) => r.csm],
  ['tier', (r) => r.tier],
  ['health_score', (r) => (r.score === null ? null : String(r.score))],
  ['arr', (r) => r.arr.toFixed(2)],
  ['renewal_date', (r) => r.renewal_date],
];

/** The whole list as CSV (header first; formula-like text defused), with the filtered facts as extra columns. Pure. */
export function accountsCsv(data: AccountsData): string {
  const extra = EXTRA.filter(([, cell]) => data.accounts.some((r) => cell(r) !== null));
  const header = [...CSV_COLUMNS.map(([h]) => h), ...extra.map(([h]) => h.toLowerCase().replace(/ /g, '_'))];
  const lines = data.accounts.map((r) =>
    csvLine([...CSV_COLUMNS.map(([, cell]) => cell(r)), ...extra.map(([, cell]) => cell(r))]),
  );
  return `${[csvLine(header), ...lines].join('\n')}\n`;
}
