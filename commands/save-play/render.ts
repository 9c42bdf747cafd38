import { formatTable } from '../../render/table.ts';
import { healthLabel } from '../../tools/health/health-label.ts';
import { planFocusLines } from '../plan-focus.ts';
import { toldUsLines } from '../signal-rows.ts';
import type { SavePlayData } from './command.ts';

/** Terminal text for a save play: urgency, why, and the dated steps with owners. Pure. */
export function renderSavePlay(data: SavePlayData, accountName: string): string {
  const head = `${accountName}: health ${healthLabel(data.health)}, churn risk ${data.risk_level}`;
  if (!data.needed) {
    return [
      `${head} — no save play needed now.`,
      '',
      'A save play starts when:',
      ...data.triggers.map((t) => `  • ${t}`),
      ...toldUsLines(data.told_us),
      ...tierTransition(data),
    ].join('\n');
  }
  const lines = [`${head} — ${data.urgency}${data.play ? `, play: ${data.play.title}` : ''}`];
  if (data.likely_reason)
    lines.push(`Likely reason (${data.likely_reason.category}): ${data.likely_reason.evidence.join('; ')}`);
  lines.push(...toldUsLines(data.told_us));
  lines.push(
    '',
    formatTable(
      ['Due', 'Owner', 'Step'],
      data.steps.map((s) => [s.due, s.owner, s.action]),
      ['left', 'left', 'left'],
    ),
  );
  const focus = planFocusLines(data.playbook);
  if (focus.length > 0) lines.push('', ...focus);
  return lines.join('\n');
}

/** With no save play needed, a move to a lower CS tier still needs its transition plan. */
function tierTransition(data: SavePlayData): string[] {
  return data.playbook.tier_transition
    ? ['', ...planFocusLines({ ...data.playbook, steps: [], stage: null, strategy: null })]
    : [];
}
