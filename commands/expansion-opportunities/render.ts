import { formatAmountShort } from '../../core/money.ts';
import { healthLabel } from '../../tools/health/health-label.ts';
import type { ExpansionData } from './command.ts';

/** Terminal text for expansion opportunities: lead score and why, signals with evidence, plays. Pure. */
export function renderExpansion(data: ExpansionData, accountName: string): string {
  const present = data.signals.filter((s) => s.present);
  const lines = [
    `${accountName}: expansion lead score ${data.lead_score}/100 — ARR ${formatAmountShort(data.arr)}, health ${healthLabel(data.health)}`,
    '',
  ];
  lines.push(
    `  ${Object.entries(data.lead_score_parts)
      .map(([k, p]) => `${k.replace('_', ' ')} ${p.points}/${p.max}`)
      .join(' · ')}`,
    '',
  );
  if (present.length === 0) lines.push(`No expansion signal right now (${data.signals.length} checked).`);
  for (const heat of ['hot', 'warm'] as const) {
    const list = present.filter((s) => s.heat === heat);
    if (list.length > 0)
      lines.push(
        `${heat === 'hot' ? 'Hot' : 'Warm'} signals:`,
        ...list.map((s) => `  • ${s.label} — ${s.evidence.join('; ')}`),
      );
  }
  if (data.cross_product.length > 0)
    lines.push(
      'Cross-product adoption:',
      ...data.cross_product.map((c) => `  • ${c.product}, from ${c.evidence}: ${c.why}`),
    );
  for (const p of data.plays)
    lines.push(
      '',
      `Play — ${p.title}:`,
      ...p.because.map((b) => `  because ${b}`),
      ...p.steps.map((s, k) => `  ${k + 1}. ${s}`),
    );
  return lines.join('\n');
}
