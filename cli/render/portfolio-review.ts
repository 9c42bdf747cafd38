import type { PortfolioReviewData } from '../../commands/portfolio-review';
import { formatMoney, formatMoneyShort } from '../../core/money';
import { formatTable } from './table';

const cents = (amount: number) => Math.round(amount * 100);
const MAX_NEXT_RENEWALS = 10;

/** Terminal text for a portfolio review. Pure. */
export function renderPortfolioReview(data: PortfolioReviewData): string {
  const book = data.scope.book === 'csm' ? `${data.scope.csm}'s book` : 'whole portfolio';
  const segment = data.scope.segment ? `, ${data.scope.segment} only` : '';
  const lines = [
    `Portfolio review — ${book}${segment}, as of ${data.as_of}${data.revenue_month ? ` (MRR of ${data.revenue_month})` : ''}`,
    '',
    `Active accounts: ${data.portfolio.total_accounts}    ARR: ${formatMoney(cents(data.portfolio.total_arr))}`,
    '',
    formatTable(
      ['Segment', 'Accounts', 'ARR'],
      data.portfolio.by_segment.map((s) => [s.segment, String(s.accounts), formatMoneyShort(cents(s.arr))]),
      ['left', 'right', 'right'],
    ),
    '',
    formatTable(
      ['Renewals', 'Accounts', 'ARR'],
      [
        ['next 30 days', data.renewals.upcoming_30d],
        ['next 60 days', data.renewals.upcoming_60d],
        ['next 90 days', data.renewals.upcoming_90d],
        ['overdue', data.renewals.overdue],
      ].map(([label, w]) => {
        const window = w as { count: number; arr: number };
        return [label as string, String(window.count), formatMoneyShort(cents(window.arr))];
      }),
      ['left', 'right', 'right'],
    ),
  ];
  const next = data.renewals.next_90d;
  if (next.length > 0) {
    lines.push(
      '',
      `Next renewals${next.length > MAX_NEXT_RENEWALS ? ` (first ${MAX_NEXT_RENEWALS} of ${next.length})` : ''}:`,
      formatTable(
        ['Date', 'In', 'Account', 'ARR', 'CSM'],
        next
          .slice(0, MAX_NEXT_RENEWALS)
          .map((r) => [
            r.renewal_date,
            `${r.days_to_renewal}d`,
            r.name,
            formatMoneyShort(cents(r.arr)),
            r.csm ?? '—',
          ]),
        ['left', 'right', 'left', 'right', 'left'],
      ),
    );
  }
  if (data.portfolio.arr_source.declared > 0 || data.portfolio.arr_source.none > 0) {
    lines.push(
      '',
      `ARR from revenue rows for ${data.portfolio.arr_source.revenue} accounts, declared ARR for ${data.portfolio.arr_source.declared}, none for ${data.portfolio.arr_source.none}.`,
    );
  }
  return lines.join('\n');
}
