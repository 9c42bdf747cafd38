import { formatPercent } from '../../render/percent.ts';
import type { SignalBacktestData } from './command.ts';

const num = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : v.toFixed(3));
const interval = (ci: { low: number; high: number } | null) =>
  ci ? ` (95 % ${num(ci.low)}–${num(ci.high)})` : '';
const auc = (f: { auc: number | null; ci: { low: number; high: number } | null }) =>
  `${num(f.auc)}${interval(f.ci)}`;
const rate = (r: SignalBacktestData['present']) =>
  `${r.churned} of ${r.observations} lost (${r.rate === null ? 'n/a' : formatPercent(r.rate)}${r.ci ? `, 95 % ${formatPercent(r.ci.low)}–${formatPercent(r.ci.high)}` : ''})`;
const lead = (l: SignalBacktestData['lead_time']['with']) =>
  `${l.caught} of ${l.lost} lost accounts flagged beforehand, median ${l.median_days === null ? 'n/a' : `${Math.round(l.median_days)} days`} ahead`;

/** The verdict in words: does the signal add to the score out of time, beyond the noise? Pure. */
function verdict(data: SignalBacktestData): string {
  const [without, withSignal] = [data.score.without, data.score.with];
  if (without.auc === null || withSignal.auc === null)
    return 'Not enough judged history to tell whether it adds to the score.';
  const gain = withSignal.auc - without.auc;
  const clear = withSignal.ci && without.ci && withSignal.ci.low > without.ci.high;
  return gain > 0
    ? `With it the score ranks lost accounts better out of time (AUC +${gain.toFixed(3)})${clear ? ', beyond the intervals' : ', within the intervals: not yet proof'}. It stays context beside the score until a change to the health model is proposed and passes its own backtest.`
    : `It does not improve the score out of time (AUC ${gain.toFixed(3)}): it stays context beside the score.`;
}

/** Terminal text for a signal backtest. Pure. */
export function renderSignalBacktest(data: SignalBacktestData): string {
  return [
    `Does ${data.signal.replace('_', ' ')} add to the health score? ${data.observations} account-months over ${data.cutoffs.length} monthly cutoffs, ${data.churned} lost within ${data.horizon_days} days.`,
    verdict(data),
    `  with the signal at the cutoff:    ${rate(data.present)}`,
    `  without it:                       ${rate(data.absent)}`,
    `Out of time (fitted on ${data.train_cutoffs.length} cutoffs, judged on ${data.validation_cutoffs.length}):`,
    `  health score alone               AUC ${auc(data.score.without)}`,
    `  health score with the signal     AUC ${auc(data.score.with)}`,
    data.model
      ? `  churn model without / with it    AUC ${auc(data.model.without)} / ${auc(data.model.with)}`
      : '  churn model: too little history to fit it out of time',
    'Lead time:',
    `  score tier alone (at-risk or critical): ${lead(data.lead_time.without)}`,
    `  tier or the signal:                      ${lead(data.lead_time.with)}`,
  ].join('\n');
}
