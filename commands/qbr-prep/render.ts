import { formatAmountShort } from '../../core/money.ts';
import { healthLabel } from '../../tools/health/health-label.ts';
import { productLinesText } from '../account-products.ts';
import { planFocusLines } from '../plan-focus.ts';
import { toldUsLines } from '../signal-rows.ts';
import type { QbrPrepData } from './command.ts';

/** Terminal text for QBR prep: the timed agenda with its content, attendees, checklist and email. Pure. */
export function renderQbrPrep(data: QbrPrepData, accountName: string): string {
  const lines = [
    `${accountName} QBR prep — ${data.segment ?? 'no segment'}, ARR ${formatAmountShort(data.arr)}, health ${healthLabel(data.health)}`,
    '',
    'Agenda (60 minutes)',
  ];
  let minute = 0;
  for (const a of data.agenda) {
    lines.push(`  ${String(minute).padStart(2)}–${minute + a.minutes} min  ${a.title}`);
    for (const c of a.content) lines.push(`      • ${c}`);
    minute += a.minutes;
  }
  if (data.products) lines.push('', 'One review for every product:', ...productLinesText(data.products));
  const focus = planFocusLines(data.playbook);
  if (focus.length > 0) lines.push('', ...focus);
  lines.push(...toldUsLines(data.told_us));
  lines.push('', 'Who should attend');
  for (const p of data.attendees.customer)
    lines.push(`  • ${p.name}${p.title ? `, ${p.title}` : ''} (${p.role.replace('_', ' ')})`);
  lines.push(`  • ours: ${data.attendees.ours.join(', ')}`);
  for (const g of data.attendees.gaps) lines.push(`  ! ${g}`);
  lines.push('', 'Prep checklist');
  for (const c of data.checklist) lines.push(`  [${c.done ? 'x' : ' '}] ${c.item} — ${c.evidence}`);
  lines.push(
    '',
    `Follow-up email (send by ${data.follow_up_due})`,
    `  Subject: ${data.follow_up_email.subject}`,
  );
  for (const l of data.follow_up_email.body.split('\n')) lines.push(`  ${l}`.trimEnd());
  return lines.join('\n');
}
