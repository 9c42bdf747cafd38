import { formatAmountShort } from '../../core/money.ts';
import { formatTable } from '../../render/table.ts';
import { healthLabel } from '../../tools/health/health-label.ts';
import { planFocusLines } from '../plan-focus.ts';
import { toldUsLines } from '../signal-rows.ts';
import type { RenewalPrepData } from './command.ts';

const MARK: Record<string, string> = {
  done: '✓ done',
  due: '→ due',
  overdue: '! overdue',
  upcoming: '  upcoming',
};

/** Terminal text for renewal prep: the dated sequence with statuses, risk, value, talk track, options. Pure. */
export function renderRenewalPrep(data: RenewalPrepData, accountName: string): string {
  if (!data.applicable) return `${accountName}: ${data.message ?? 'nothing to prepare'}`;
  const lines = [
    `${accountName}: renews ${data.renewal_date} (${data.days_to_renewal} days), ${data.contract_term}, ARR ${formatAmountShort(data.arr)}`,
    '',
    formatTable(
      ['Date', 'Status', 'Owner', 'Step'],
      data.timeline.map((s) => [
        s.date,
        MARK[s.status] ?? s.status,
        s.owner,
        s.evidence ? `${s.action} (${s.evidence})` : s.action,
      ]),
      ['left', 'left', 'left', 'left'],
    ),
    '',
    `Risk: health ${healthLabel({ score: data.risk.health_score, tier: data.risk.tier })}, churn risk ${data.risk.churn_risk}, champion ${data.risk.champion}`,
  ];
  for (const i of data.risk.leading_indicators) lines.push(`  • ${i.label}: ${i.evidence.join('; ')}`);
  if (data.risk.open_p1_p2_tickets.length > 0)
    lines.push(
      `  Open P1/P2 tickets to resolve first: ${data.risk.open_p1_p2_tickets.map((t) => `${t.ticket_id} ${t.severity.toUpperCase()} ${t.subject ?? ''}`.trim()).join('; ')}`,
    );
  lines.push(...toldUsLines(data.told_us));
  lines.push('', `Value: ${data.value_recap.summary}; ${data.value_recap.usage}.`);
  const focus = planFocusLines(data.playbook);
  if (focus.length > 0) lines.push('', ...focus);
  lines.push('', `Talk track: ${data.talk_track}`);
  for (const o of data.options) lines.push(`Option (${o.kind.replace('_', '-')}): ${o.detail}`);
  return lines.join('\n');
}
