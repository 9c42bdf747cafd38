import { formatMoney, formatMoneyShort } from '../../core/money.ts';
import { formatTable } from '../../render/table.ts';
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

/** Terminal text for an account list: what was understood, the first page, and how to see the rest. Pure. */
export function renderAccounts(data: AccountsData): string {
  const page = data.accounts.slice(0, PAGE_SIZE);
  const first = data.offset + 1;
  const last = data.offset + page.length;
  const head = [
    `Accounts — ${data.total} (ARR ${formatMoney(cents(data.total_arr))}), as of ${data.as_of}`,
    `Understood: ${data.understood}`,
    '',
  ];
  if (data.total === 0)
    return [
      ...head,
      'No account passes every filter. Drop one (e.g. the renewal window or the tier) to widen the list.',
    ].join('\n');
  if (page.length === 0)
    return [...head, `The list has ${data.total} accounts; nothing from position ${first} on.`].join('\n');
  const more = data.total - last;
  return [
    ...head,
    `Showing ${first}–${last} of ${data.total}`,
    accountsTable(page, data.offset),
    ...(more > 0
      ? [
          '',
          `…and ${more} more: add --offset ${last} (or --json for the whole list; Slack offers Show more and a CSV)`,
        ]
      : []),
  ].join('\n');
}
