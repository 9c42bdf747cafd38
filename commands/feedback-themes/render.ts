import { formatPercent } from '../../render/percent.ts';
import { formatTable } from '../../render/table.ts';
import type { FeedbackThemesData } from './command.ts';

/** Terminal text for themes this month. Pure. */
export function renderFeedbackThemes(data: FeedbackThemesData): string {
  const lines = [
    `Feedback themes — ${data.month} (${data.items_this_month} items) against ${data.previous_month}`,
    '',
  ];
  if (data.themes.length === 0) return `${lines[0]}\nNo processed feedback in these months.`;
  lines.push(
    formatTable(
      ['Theme', 'Owner', 'This month', 'Last month', 'Change', 'Negative', 'By segment'],
      data.themes.map((t) => [
        t.label,
        t.owner,
        String(t.this_month),
        String(t.previous_month),
        `${t.change > 0 ? '+' : ''}${t.change}`,
        t.negative_share === null ? '—' : formatPercent(t.negative_share, 0),
        Object.entries(t.by_segment)
          .map(([s, n]) => `${s} ${n}`)
          .join(', '),
      ]),
      ['left', 'left', 'right', 'right', 'right', 'right', 'left'],
    ),
  );
  return lines.join('\n');
}
