import type { AlertBacktest } from '../jobs/alert-replay.ts';
import { formatTable } from './table.ts';

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** Terminal text for `cse alerts backtest`: one row per rule, then the base rate and the budget. Pure. */
export function renderAlertBacktest(b: AlertBacktest): string {
  const rows = [...b.rules]
    .sort((x, y) => (y.lift ?? -1) - (x.lift ?? -1) || y.raised - x.raised)
    .map((r) => [
      r.label,
      String(r.raised),
      r.per_csm_week.toFixed(2),
      `${r.hits}/${r.judged}`,
      pct(r.precision),
      r.lift === null ? '—' : `${r.lift.toFixed(2)}×`,
      r.live_raised > 0 ? `${r.not_useful}/${r.live_raised}` : '—',
    ]);
  return [
    `Alert backtest ${b.from} → ${b.to}: ${b.days.length} snapshot days replayed; outcome = churned or MRR down > ${Math.round(b.contraction_share * 100)}% within ${b.horizon_days} days`,
    `Base rate: ${pct(b.base.rate)} of ${b.base.judged.toLocaleString('en-US')} account-days (${b.base.hits.toLocaleString('en-US')} with the outcome)`,
    '',
    formatTable(['Rule', 'Raised', 'Per CSM-week', 'Hit/judged', 'Precision', 'Lift', 'Not useful'], rows, [
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
    ]),
    '',
    `DM budget: at most ${b.budget.max_non_critical_dms_in_a_week} non-critical DMs to one CSM in a week (cap ${b.budget.weekly_cap}); ${b.budget.held_for_digest} alerts held for digests over ${b.budget.csm_weeks} CSM-weeks.`,
    b.definition,
  ].join('\n');
}
