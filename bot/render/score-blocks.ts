import type { ScoreData } from '../../commands/score/command.ts';
import { evidenceNeededLines } from '../../commands/score/render.ts';
import { DIMENSIONS } from '../../knowledge/health-model.ts';
import { type Block, context, escapeMrkdwn, fields, section } from './slack-limits.ts';

const label = (dimension: string) => {
  const words = dimension.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};
const out10 = (score: number | null) => (score === null ? 'no data' : `${score}/10`);

function trendLine(data: ScoreData): string | null {
  const parts: string[] = [];
  for (const t of [data.trend.d7, data.trend.d30]) {
    if (!t) continue;
    const sign = t.score_change > 0 ? '+' : '';
    parts.push(`${sign}${t.score_change} vs ${t.days_back} days ago (${t.score}, ${t.tier})`);
  }
  return parts.length > 0 ? `*Trend:* ${parts.join(' · ')}` : null;
}

/** The first view of a health score: one field per dimension with its reason, the trend, next steps. */
export function scoreHeadline(data: ScoreData): Block[] {
  if (data.score === null)
    return [
      section(
        escapeMrkdwn(
          [
            'No health score, tier or playbook until there is enough data.',
            ...evidenceNeededLines(data),
          ].join('\n'),
        ),
      ),
    ];
  const blocks: Block[] = [
    fields(
      DIMENSIONS.map((d) => {
        const dim = data.dimensions[d];
        return `*${label(d)}* · ${out10(dim.score)} (weight ${dim.weight})\n${escapeMrkdwn(dim.reason)}`;
      }),
    ),
  ];
  const trend = trendLine(data);
  if (trend) blocks.push(section(escapeMrkdwn(trend)));
  if (data.actions.length > 0)
    blocks.push(
      section(
        `*Next steps for a ${data.tier} account*\n${data.actions.map((a) => `• ${escapeMrkdwn(a)}`).join('\n')}`,
      ),
    );
  return blocks;
}

/** Every input behind each dimension, with its value's date: what "Show details" reveals. */
export function scoreDetails(data: ScoreData): Block[] {
  const blocks: Block[] = DIMENSIONS.map((d) => {
    const dim = data.dimensions[d];
    const inputs = dim.inputs.map(
      (i) => `• ${escapeMrkdwn(i.detail)} — ${out10(i.score)}${i.as_of ? ` (data of ${i.as_of})` : ''}`,
    );
    return section(
      `*${label(d)}* · ${out10(dim.score)} × ${dim.weight}%\n${inputs.join('\n') || '• no inputs'}`,
    );
  });
  const changes = [data.trend.d7, data.trend.d30]
    .flatMap((t) => t?.changes.map((c) => `• ${label(c.dimension)}: ${escapeMrkdwn(c.explanation)}`) ?? [])
    .slice(0, 10);
  if (changes.length > 0) blocks.push(section(`*What moved*\n${changes.join('\n')}`));
  if (data.missing.length > 0)
    blocks.push(section(`*Missing data* (scored without it): ${escapeMrkdwn(data.missing.join(', '))}`));
  blocks.push(context([`Health model ${escapeMrkdwn(data.model_version)}`]));
  return blocks;
}
