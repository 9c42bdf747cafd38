import { formatTable } from '../../render/table.ts';
import type { FeedbackSlaData } from './command.ts';

const hours = (h: number | null) => (h === null ? '—' : h < 0 ? `${-h} h late` : `${h} h left`);

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
