import { formatTable } from '../../render/table.ts';
import { healthLabel } from '../../tools/health/health-label.ts';
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
    ].join('\n');
  }
  const lines = [`${head} — ${data.urgency}${data.play ? `, play: ${data.play.title}` : ''}`];
  if (data.likely_reason)
    lines.push(`Likely reason (${data.likely_reason.category}): ${data.likely_reason.evidence.join('; ')}`);
  lines.push(
    '',
    formatTable(
      ['Due', 'Owner', 'Step'],
      data.steps.map((s) => [s.due, s.owner, s.action]),
      ['left', 'left', 'left'],
    ),
  );
  return lines.join('\n');
}
