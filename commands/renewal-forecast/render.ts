import { formatAmountShort } from '../../core/money.ts';
import type { RenewalForecastData } from './shape.ts';

const pct = (p: number) => `${Math.round(p * 100)} %`;
const GROUP_WORDS = {
  commit: 'commit (p ≥ 0.8)',
  best_case: 'best case',
  at_risk: 'at risk (p < 0.5)',
} as const;

/** The track record in one line: coverage and P50's error over the quarters replayed. */
export function trackRecordLine(data: RenewalForecastData): string {
  const s = data.track_summary;
  if (!s) return `Track record: ${data.track_record_note ?? 'none yet'}.`;
  return `Track record (team, ${s.quarters} past quarters replayed with what was known at each start): actual inside P10–P90 in ${Math.round(s.coverage * s.quarters)} of ${s.quarters}; P50 off by ${formatAmountShort(s.p50_mae)} on average (${pct(s.p50_mae_share)} of ARR due).`;
}

function trackRecordTable(data: RenewalForecastData): string[] {
  return [
    'Past quarters (forecast at the quarter start → what renewed):',
    ...data.track_record.map(
      (q) =>
        `  ${q.quarter}  ${q.accounts} due, ${formatAmountShort(q.due)}: P10 ${formatAmountShort(q.p10)} · P50 ${formatAmountShort(q.p50)} · P90 ${formatAmountShort(q.p90)} → actual ${formatAmountShort(q.actual)}${q.inside ? '' : '  (outside)'}`,
    ),
  ];
}

function distributionLines(data: RenewalForecastData): string[] {
  if (data.expected === null) return [`No renewal probabilities: ${data.withheld ?? 'no churn model'}.`];
  return [
    `Expected to renew ${formatAmountShort(data.expected)}: P10 ${formatAmountShort(data.p10 ?? 0)} · P50 ${formatAmountShort(data.p50 ?? 0)} · P90 ${formatAmountShort(data.p90 ?? 0)}.`,
    ...data.groups.map(
      (g) =>
        `  ${GROUP_WORDS[g.group]}: ${g.accounts} renewal${g.accounts === 1 ? '' : 's'}, ${formatAmountShort(g.arr)} ARR (expected ${formatAmountShort(g.expected)})`,
    ),
    ...(data.moves.length > 0
      ? [
          'What moves it — saving these lifts P50 most:',
          ...data.moves.map(
            (m) =>
              `  • ${m.name}: ${formatAmountShort(m.arr)} at ${pct(m.probability)} → P50 +${formatAmountShort(m.p50_gain)}`,
          ),
        ]
      : []),
  ];
}

/** Terminal text for the renewal forecast. Pure. */
export function renderRenewalForecast(data: RenewalForecastData): string {
  const book = data.scope.book === 'csm' ? `${data.scope.csm}'s book` : 'every book';
  const segment = data.scope.segment ? `, ${data.scope.segment}` : '';
  const lines = [
    `Renewal forecast — ${book}${segment}, ${data.period.label} (${data.period.from} to ${data.period.to}), as of ${data.as_of}`,
    `Due: ${data.due.accounts} renewal${data.due.accounts === 1 ? '' : 's'}, ${formatAmountShort(data.due.arr)} ARR.`,
    ...distributionLines(data),
  ];
  if (data.accounts.length > 0)
    lines.push(
      'Renewals (soonest first):',
      ...data.accounts
        .slice(0, 15)
        .map(
          (a) =>
            `  ${a.renewal_date}  ${a.name}  ${formatAmountShort(a.arr)}  ${pct(a.probability)} ${a.group.replace('_', ' ')}${a.reasons.length > 0 ? ` — ${a.reasons.join('; ')}` : ''}`,
        ),
      ...(data.accounts.length > 15 ? [`  … and ${data.accounts.length - 15} more (--json lists all)`] : []),
    );
  const x = data.expansion;
  if (x && x.accounts.length > 0)
    lines.push(
      x.rate === null || x.uplift === null
        ? `Expansion at renewal (apart): ${x.accounts.length} renewal${x.accounts.length === 1 ? ' carries' : 's carry'} an expansion signal; no history yet to put a figure on it.`
        : `Expansion expected at renewal (apart from the above): ${formatAmountShort(x.expected)} from ${x.accounts.length} renewal${x.accounts.length === 1 ? '' : 's'} with an expansion signal — in the last 12 months, ${x.expanded} of ${x.observations} such accounts grew within 90 days, by ${pct(x.uplift)} on average.`,
    );
  const { monthly, no_renewal_date: noDate } = data.apart;
  if (monthly.accounts + noDate.accounts > 0)
    lines.push(
      `Counted apart: ${monthly.accounts} monthly-term account${monthly.accounts === 1 ? '' : 's'} (${formatAmountShort(monthly.arr)} ARR) renew every month, outside this forecast; ${noDate.accounts} account${noDate.accounts === 1 ? ' has' : 's have'} no renewal date (${formatAmountShort(noDate.arr)} ARR).`,
    );
  lines.push(trackRecordLine(data));
  // Filled only when asked for (--track-record): the quarters one by one.
  if (data.track_record.length > 0) lines.push(...trackRecordTable(data));
  return lines.join('\n');
}
