import { formatTable } from '../../render/table.ts';
import { planFocusLines } from '../plan-focus.ts';
import type { SuccessPlanData } from './command.ts';

/** Terminal text for a success plan: objectives with progress, milestones, risks and the next review. Pure. */
export function renderSuccessPlan(data: SuccessPlanData, accountName: string): string {
  const lines = [
    `${accountName} success plan — ${data.source === 'draft' ? (data.saved ? 'drafted and saved' : 'DRAFT, not saved') : 'from the recorded goals'} (period from ${data.plan_start})`,
  ];
  if (data.message) lines.push('', data.message);
  if (data.objectives.length > 0)
    lines.push(
      '',
      formatTable(
        ['Objective', 'Metric', 'Baseline', 'Target', 'Now', 'Due', 'Status'],
        data.objectives.map((o) => [
          o.objective,
          o.metric ?? '—',
          o.baseline === null ? '—' : String(o.baseline),
          o.target === null ? '—' : String(o.target),
          o.current === null
            ? '—'
            : `${o.current}${o.progress_percent === null ? '' : ` (${o.progress_percent}%)`}`,
          o.due ?? '—',
          (o.score ?? 'proposed').replace('_', ' '),
        ]),
        ['left', 'left', 'right', 'right', 'right', 'left', 'left'],
      ),
    );
  if (data.milestones.length > 0) {
    lines.push('', 'Milestones');
    for (const m of data.milestones) lines.push(`  ${m.date}  ${m.status.padEnd(10)} ${m.title}`);
  }
  if (data.risks.length > 0) {
    lines.push('', 'Risks');
    for (const r of data.risks) lines.push(`  • ${r}`);
  }
  const focus = planFocusLines(data.playbook);
  if (focus.length > 0) lines.push('', ...focus);
  lines.push(
    '',
    `Next review: ${data.next_review.date}${data.next_review.overdue_since ? ` (overdue since ${data.next_review.overdue_since})` : ''}${data.next_review.last_review ? `; last QBR ${data.next_review.last_review}` : '; no QBR on record'}`,
  );
  return lines.join('\n');
}
