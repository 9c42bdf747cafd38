import { trackRecordLine } from '../../commands/renewal-forecast/render.ts';
import type { RenewalForecastData } from '../../commands/renewal-forecast/shape.ts';
import { formatAmountShort } from '../../core/money.ts';
import { type Block, escapeMrkdwn, fields, section } from './slack-limits.ts';

const GROUP_TITLES = {
  commit: 'Commit (p ≥ 0.8)',
  best_case: 'Best case',
  at_risk: 'At risk (p < 0.5)',
} as const;

/**
 * The first view of a renewal forecast: what is due, P10 / P50 / P90, the three groups, the
 * renewals whose save moves it most, and the track record in one line. Customer names escaped.
 */
export function forecastHeadline(data: RenewalForecastData): Block[] {
  const blocks: Block[] = [];
  const due = `*Due*\n${data.due.accounts} renewal${data.due.accounts === 1 ? '' : 's'} · ${formatAmountShort(data.due.arr)}`;
  if (data.expected === null) {
    blocks.push(
      fields([due]),
      section(`No renewal probabilities: ${escapeMrkdwn(data.withheld ?? 'no churn model')}.`),
    );
  } else {
    blocks.push(
      fields([
        due,
        `*Expected to renew*\n${formatAmountShort(data.expected)}`,
        `*P10 · P50 · P90*\n${formatAmountShort(data.p10 ?? 0)} · ${formatAmountShort(data.p50 ?? 0)} · ${formatAmountShort(data.p90 ?? 0)}`,
        ...data.groups.map((g) => `*${GROUP_TITLES[g.group]}*\n${g.accounts} · ${formatAmountShort(g.arr)}`),
      ]),
    );
    if (data.moves.length > 0)
      blocks.push(
        section(
          `*What moves it — saving these lifts P50 most*\n${data.moves
            .map(
              (m) =>
                `• ${escapeMrkdwn(m.name)}: ${formatAmountShort(m.arr)} at ${Math.round(m.probability * 100)} % → P50 +${formatAmountShort(m.p50_gain)}`,
            )
            .join('\n')}`,
        ),
      );
  }
  blocks.push(section(escapeMrkdwn(trackRecordLine(data))));
  return blocks;
}
