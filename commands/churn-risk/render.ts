import { formatAmountShort } from '../../core/money.ts';
import { formatPercent } from '../../render/percent.ts';
import { healthLabel } from '../../tools/health/health-label.ts';
import type { ChurnRiskData } from './command.ts';

const pct = (v: number) => formatPercent(v, 0);

/** "About 21 % within 90 days; of the 84 …" or why no probability is shown. */
export function probabilityLine(data: ChurnRiskData): string {
  const p = data.probability;
  if (!p.shown) return `No churn probability: ${p.reason}.`;
  const e = p.evidence;
  const about = p.probability < 0.01 ? 'under 1%' : `about ${pct(p.probability)}`;
  return `Probability of churn: ${about} within ${p.horizon_days} days; of the ${e.observations} account-months the model put at ${pct(e.from)}–${pct(e.to)} in its validation (${e.cutoffs[0]} … ${e.cutoffs.at(-1)}), ${e.churned} churned or contracted (model ${p.model_id}).`;
}

/** Terminal text for churn risk: level and why, the indicators that fired with evidence, the save play. Pure. */
export function renderChurnRisk(data: ChurnRiskData, accountName: string): string {
  const fired = data.indicators.filter((i) => i.fired);
  const lines = [
    `${accountName}: churn risk ${data.level.toUpperCase()} (${data.points} points) — health ${healthLabel(data.health)}, ARR ${formatAmountShort(data.arr)}${data.days_to_renewal !== null ? `, renewal in ${data.days_to_renewal} days` : ''}`,
    '',
  ];
  if (fired.length === 0)
    lines.push(
      `No leading indicator is firing (${data.indicators.length} checked${data.onboarding ? ', including onboarding signals' : ''}).`,
    );
  else {
    lines.push(`Leading indicators firing (${fired.length} of ${data.indicators.length} checked):`);
    for (const i of fired) lines.push(`  • ${i.label} — ${i.evidence.join('; ')} [${i.lead_time}]`);
  }
  if (data.likely_reason) lines.push('', `Likely churn reason: ${data.likely_reason.category}`);
  if (data.save_play)
    lines.push(
      '',
      `Save play — ${data.save_play.title}:`,
      ...data.save_play.steps.map((s, k) => `  ${k + 1}. ${s}`),
    );
  lines.push('', `Risk points: ${data.drivers.join(', ') || 'none'}`, '', probabilityLine(data));
  return lines.join('\n');
}
