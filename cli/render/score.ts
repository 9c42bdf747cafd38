import type { ScoreData } from '../../commands/score';
import { DIMENSIONS } from '../../knowledge/health-model';
import { formatTable } from './table';

const label = (d: string) => d.replace('_', ' ');

/** Terminal text for a health score: headline, dimensions with reasons, changes, playbook. Pure. */
export function renderScore(data: ScoreData, accountName: string): string {
  const lines = [`${accountName}: health ${data.score}/100 — ${data.tier} (as of ${data.as_of})`, ''];
  lines.push(
    formatTable(
      ['Dimension', 'Score', 'Weight', 'Why'],
      DIMENSIONS.map((d) => {
        const dim = data.dimensions[d];
        return [label(d), dim.score === null ? 'n/a' : `${dim.score}/10`, String(dim.weight), dim.reason];
      }),
      ['left', 'right', 'right', 'left'],
    ),
  );
  for (const [key, title] of [
    ['d7', 'Since a week ago'],
    ['d30', 'Since a month ago'],
  ] as const) {
    const t = data.trend[key];
    if (!t) continue;
    lines.push(
      '',
      `${title} (${t.as_of}: ${t.score}, ${t.tier}; ${t.score_change >= 0 ? '+' : ''}${t.score_change}):`,
    );
    if (t.changes.length === 0) lines.push('  no dimension moved by a point or more');
    for (const c of t.changes) lines.push(`  • ${c.explanation}`);
  }
  if (!data.trend.d7 && !data.trend.d30)
    lines.push('', 'No earlier snapshot to compare with (cse score --all records one per day).');
  const notTracked = data.missing.filter((m) => !m.includes('.'));
  if (notTracked.length > 0)
    lines.push('', `Left out for lack of data (weights renormalised): ${notTracked.map(label).join(', ')}`);
  lines.push('', `Next steps for a ${data.tier} account:`, ...data.actions.map((a) => `  • ${a}`));
  return lines.join('\n');
}
