import { DIMENSIONS } from '../../knowledge/health-model.ts';
import { formatTable } from '../../render/table.ts';
import { productLinesText } from '../account-products.ts';
import type { ScoreData } from './command.ts';

const label = (d: string) => d.replace('_', ' ');

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** What an unscored answer lists: the share of the weight that has data, and what would supply the rest. */
export function evidenceNeededLines(data: ScoreData): string[] {
  return [
    `Only ${percent(data.coverage)} of the health model's weight has data; a score needs ${percent(data.min_coverage)}.`,
    'What is missing, and what would supply it:',
    ...data.evidence_needed.map(
      (e) => `  • ${label(e.dimension)} (${percent(e.weight_share)} of the weight): ${e.supply}`,
    ),
  ];
}

/** Terminal text for a health score: headline, dimensions with reasons, changes, playbook. Pure. */
export function renderScore(data: ScoreData, accountName: string): string {
  if (data.score === null)
    return [
      `Not enough data to score ${accountName} yet (as of ${data.as_of}): no health score, tier or playbook until there is.`,
      '',
      ...evidenceNeededLines(data),
      '',
      'What there is:',
      ...DIMENSIONS.filter((d) => data.dimensions[d].score !== null).map(
        (d) => `  • ${label(d)}: ${data.dimensions[d].reason}`,
      ),
    ].join('\n');
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
  if (data.products) lines.push('', ...productLinesText(data.products));
  const e = data.engagement;
  if (e)
    lines.push(
      '',
      `Engagement: ${e.label} — ${e.behaviour}${e.dau_mau !== null ? ` (DAU/MAU ${Math.round(e.dau_mau * 100)} %${e.feature_breadth !== null ? `, ${Math.round(e.feature_breadth * 100)} % of features` : ''}, ${e.from} to ${e.to})` : ` (last active ${e.last_active ?? 'never'})`}. ` +
        `Expected renewal odds ${e.renewal_odds}; action: ${e.action}.`,
    );
  lines.push(...voiceLines(data.voice));
  lines.push('', `Next steps for a ${data.tier} account:`, ...data.actions.map((a) => `  • ${a}`));
  return lines.join('\n');
}

/** What customers said and how fast we answered, beside the score (not part of it). Pure. */
export function voiceLines(v: ScoreData['voice']): string[] {
  if (!v) return [];
  const said = `${v.now.risk} risk signal${v.now.risk === 1 ? '' : 's'} and ${v.now.praise} praise in ${v.window_days} days (the ${v.window_days} before: ${v.before.risk} and ${v.before.praise})`;
  const r = v.responsiveness;
  const answered = r
    ? `; our median first response ${r.median_hours} h against a ${r.sla_hours}-hour SLA over ${r.questions} question${r.questions === 1 ? '' : 's'}`
    : '';
  return ['', `Beside the score (not part of it): customers said ${said}${answered}.`];
}
