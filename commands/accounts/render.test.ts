import { describe, expect, it } from 'vitest';
import type { AccountsData } from './command.ts';
import { accountsCsv, accountsPage, renderAccounts } from './render.ts';

type Row = AccountsData['accounts'][number];
const row = (n: number, over: Partial<Row> = {}): Row => ({
  account_id: `ACC-${String(n).padStart(5, '0')}`,
  name: `Account ${n}`,
  segment: 'mid_market',
  csm: 'priya.kim@cs-team.example',
  tier: 'at-risk',
  score: 40 + n,
  arr: 1000 * n + 0.5,
  renewal_date: '2027-01-15',
  engagement: null,
  stage: null,
  open_alerts: null,
  last_touch: null,
  exec_sponsor: null,
  champion: null,
  open_tickets: null,
  products: null,
  signals: null,
  ...over,
});

const list = (rows: Row[], offset = 0): AccountsData => ({
  as_of: '2026-12-15',
  revenue_month: '2026-11',
  scope: { book: 'csm', csm: 'priya.kim', segment: null },
  understood: 'tier at-risk · book priya.kim',
  filters: { tier: ['at-risk'] },
  sort: { key: 'score', direction: 'asc' },
  total: offset + rows.length,
  total_arr: rows.reduce((n, r) => n + r.arr, 0),
  offset,
  accounts: rows,
});

describe('account list rendering', () => {
  it('writes every row as CSV with the filtered facts as extra columns, and spreadsheet formulas as text', () => {
    const rows = [
      row(1, { exec_sponsor: false, name: '=HYPERLINK("http://x.example","Acme")' }),
      row(2, { exec_sponsor: true, name: 'Globex, Inc.' }),
    ];
    expect(accountsCsv(list(rows)).split('\n')).toEqual([
      'account_id,name,segment,csm,tier,health_score,arr,renewal_date,exec_sponsor',
      `ACC-00001,"'=HYPERLINK(""http://x.example"",""Acme"")",mid_market,priya.kim@cs-team.example,at-risk,41,1000.50,2027-01-15,no`,
      'ACC-00002,"Globex, Inc.",mid_market,priya.kim@cs-team.example,at-risk,42,2000.50,2027-01-15,yes',
      '',
    ]);
  });

  it('pages 15 rows at a time, numbered from the offset, and says how to see the rest', () => {
    const rows = Array.from({ length: 20 }, (_, i) => row(i + 1));
    const first = accountsPage(list(rows));
    expect(first.next).toBe(15);
    expect(first.left).toBe(5);
    expect(first.body).toContain('Showing 1–15 of 20');
    expect(renderAccounts(list(rows))).toContain(
      '…and 5 more: add --offset 15 (or --csv / --json for the whole list)',
    );
    const second = accountsPage(list(rows.slice(15), 15));
    expect(second.body).toContain('Showing 16–20 of 20');
    expect(second.body).toMatch(/\n16 +Account 16 /);
    expect(second.left).toBe(0);
  });
});
