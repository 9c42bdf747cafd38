import type { AccountFeedbackData } from '../commands/account-feedback.ts';
import type { FeedbackSlaData } from '../commands/feedback-sla.ts';
import type { FeedbackThemesData } from '../commands/feedback-themes-report.ts';
import type { TopRequestsData } from '../commands/top-requests.ts';
import { formatMoneyShort } from '../core/money.ts';
import { mergeReason } from '../tools/feedback/merge-reason.ts';
import { formatPercent } from './percent.ts';
import { formatTable } from './table.ts';

const money = (amount: number) => formatMoneyShort(Math.round(amount * 100));
const hours = (h: number | null) => (h === null ? '—' : h < 0 ? `${-h} h late` : `${h} h left`);

/** Terminal text for top requests. Pure. */
export function renderTopRequests(data: TopRequestsData): string {
  if (data.requests.length === 0) return `Top requests as of ${data.as_of}: no open requests.`;
  const lines = [`Top requests — ${data.open_requests} open, as of ${data.as_of}`, ''];
  for (const r of data.requests) {
    lines.push(
      `${String(r.rank).padStart(2)}. ${r.text}`,
      `    ${r.theme} → ${r.owner ?? 'unassigned'} · ${r.accounts} account${r.accounts === 1 ? '' : 's'} (${r.account_names.join(', ')}${r.accounts > r.account_names.length ? ', …' : ''}) · ${money(r.arr_affected)} ARR · ${r.items} item${r.items === 1 ? '' : 's'} · score ${r.score}${r.effort ? ` (effort ${r.effort})` : ''} · ${r.canonical_id}`,
    );
  }
  return lines.join('\n');
}

/** Terminal text for the feedback SLA report. Pure. */
export function renderFeedbackSla(data: FeedbackSlaData): string {
  const lines = [
    `Feedback SLA — ${data.open_items} open, ${data.breached} breached, as of ${data.as_of}${data.dead_letters ? ` · ${data.dead_letters} failed processing (cse feedback export shows them)` : ''}`,
    '',
  ];
  if (data.owners.length === 0) return `${lines[0]}\nNothing open.`;
  lines.push(
    formatTable(
      ['Owner', 'Open', 'Breached'],
      data.owners.map((o) => [o.owner, String(o.open), String(o.breached)]),
      ['left', 'right', 'right'],
    ),
  );
  for (const o of data.owners) {
    lines.push('', `${o.owner}:`);
    for (const i of o.items)
      lines.push(
        `  ${i.breached ? '!' : ' '} ${hours(i.hours_left).padEnd(12)} ${i.account} — ${i.theme ?? ''}: ${i.text} (${i.feedback_id})`,
      );
  }
  return lines.join('\n');
}

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

/** Terminal text for one account's feedback. Pure. */
export function renderAccountFeedback(data: AccountFeedbackData, accountName: string): string {
  if (data.items.length === 0) return `${accountName}: no feedback on record up to ${data.as_of}.`;
  const themes = Object.entries(data.by_theme)
    .sort(([, a], [, b]) => b - a)
    .map(([t, n]) => `${t} ${n}`)
    .join(', ');
  const lines = [
    `${accountName}: ${data.items.length} recent feedback items, ${data.open} open — ${themes}`,
    '',
  ];
  for (const i of data.items) {
    const score =
      i.score === null
        ? ''
        : ` ${i.source.toUpperCase()} ${i.score}${i.nps_category ? ` (${i.nps_category})` : ''}`;
    lines.push(
      `${i.created_at.slice(0, 10)}${score} [${i.theme ?? 'not processed yet'}, ${i.sentiment ?? '—'}] ${i.text}`,
      `    ${i.status} · owner ${i.owner ?? '—'}${i.sla_due_at ? ` · SLA ${i.sla_due_at.slice(0, 16).replace('T', ' ')} UTC` : ''}${i.duplicate_of ? ` · duplicate of ${i.duplicate_of} (${mergeReason(i.similarity, i.merged_on)})` : ''} · ${i.feedback_id}`,
    );
  }
  return lines.join('\n');
}
