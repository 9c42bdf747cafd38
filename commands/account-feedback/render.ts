import { mergeReason } from '../../tools/feedback/merge-reason.ts';
import type { AccountFeedbackData } from './command.ts';

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
