import { formatPercent } from '../../render/percent.ts';
import { formatTable } from '../../render/table.ts';
import type { ScoreBacktestData } from './command.ts';

const pct = formatPercent;
const num = (v: number | null | undefined, digits = 3) =>
  v === null || v === undefined ? 'n/a' : v.toFixed(digits);
const label = (signal: string) => signal.replaceAll('_', ' ').replace('.', ': ');

const REASON_WORDS: Record<string, string> = {
  score_too_low: 'marked healthier than the score',
  score_too_high: 'marked worse than the score',
  data_stale: 'said the data was out of date',
  missing_context: 'said the score missed context',
  wrong_account_data: 'said data belonged to another account',
};

/** The disagreement lines: "CSMs marked 14 accounts healthier than the score; 5 churned within 90 days". */
export function disagreementLines(data: ScoreBacktestData): string[] {
  if (data.disagreements.length === 0)
    return ['No one has disagreed with a score yet (the Disagree menu on a score answer records it).'];
  return data.disagreements.map((d) => {
    const judged = d.lost + d.retained;
    const csms = Object.entries(d.by_csm)
      .map(([who, n]) => `${who} ${n}`)
      .join(', ');
    return `CSMs ${REASON_WORDS[d.reason] ?? d.reason} on ${d.accounts} account${d.accounts === 1 ? '' : 's'}; ${d.lost} of ${judged} judged churned or contracted within ${data.horizon_days} days${d.pending ? ` (${d.pending} too recent to tell)` : ''} — by ${csms}`;
  });
}

/** The verdict: the AUC and what it was measured on. */
function headline(data: ScoreBacktestData): string[] {
  const auc = data.auc.value;
  const span = `${data.cutoffs[0]} … ${data.cutoffs.at(-1)}`;
  // The first line is the headline (Slack's title): short, with the one figure that matters.
  return [
    auc === null
      ? `Health score backtest — no AUC yet (${data.observation_count.toLocaleString('en-US')} account-months)`
      : `Health score backtest — AUC ${num(auc)} (95 % ${num(data.auc.ci?.low)}–${num(data.auc.ci?.high)})`,
    `${data.observation_count.toLocaleString('en-US')} account-months at ${data.cutoffs.length} monthly cutoffs (${span}); ${data.churned} churned or contracted > ${Math.round(data.contraction_share * 100)} % within ${data.horizon_days} days (base rate ${pct(data.base_rate)}).`,
    auc === null
      ? 'The AUC needs both kept and lost accounts among the scored ones.'
      : `AUC ${num(auc)} (95 % bootstrap interval ${num(data.auc.ci?.low)}–${num(data.auc.ci?.high)}): a lost account scored lower than a kept one ${Math.round(auc * 100)} times in 100. 0.5 is a coin toss.`,
    '',
  ];
}

/** Churn by tier and by decile. */
function tierAndDeciles(data: ScoreBacktestData): string[] {
  return [
    'Churn rate by tier (95 % Wilson interval):',
    formatTable(
      ['Tier', 'Account-months', 'Lost', 'Rate', 'Interval'],
      data.tiers
        .filter((t) => t.observations > 0)
        .map((t) => [
          t.tier,
          String(t.observations),
          String(t.churned),
          pct(t.rate),
          t.ci ? `${pct(t.ci.low)}–${pct(t.ci.high)}` : 'n/a',
        ]),
      ['left', 'right', 'right', 'right', 'right'],
    ),
    '',
    `Deciles, riskiest tenth first (the riskiest tenth holds ${pct(data.top_decile_mrr_recall)} of the lost MRR):`,
    formatTable(
      ['Decile', 'Account-months', 'Lost', 'Rate', 'Lift'],
      data.deciles.map((d) => [
        String(d.decile),
        String(d.observations),
        String(d.churned),
        pct(d.rate),
        d.lift === null ? 'n/a' : `${d.lift.toFixed(2)}×`,
      ]),
      ['right', 'right', 'right', 'right', 'right'],
    ),
    '',
  ];
}

/** Calibration, and what each dimension and input carries. */
function calibrationAndSignals(data: ScoreBacktestData): string[] {
  return [
    `Calibration of the churn rate each tier implied at the other cutoffs: Brier ${num(data.brier)} (lower is better; always guessing the base rate scores ${num(data.base_rate === null ? null : data.base_rate * (1 - data.base_rate))}).`,
    formatTable(
      ['Implied', 'Account-months', 'Predicted', 'Observed'],
      data.reliability.map((b) => [
        `${pct(b.from, 0)}–${pct(b.to, 0)}`,
        String(b.observations),
        pct(b.predicted),
        pct(b.observed),
      ]),
      ['left', 'right', 'right', 'right'],
    ),
    '',
    data.strongest_signal
      ? `Which dimensions carry it (AUC of each alone; strongest: ${label(data.strongest_signal.signal)} ${num(data.strongest_signal.auc)}):`
      : 'Which dimensions carry it (AUC of each alone):',
    formatTable(
      ['Dimension', 'AUC', 'Account-months'],
      data.dimensions.map((d) => [label(d.signal), num(d.auc), String(d.observations)]),
      ['left', 'right', 'right'],
    ),
    '',
    'Inputs, strongest first:',
    formatTable(
      ['Input', 'AUC', 'Account-months'],
      data.inputs.map((d) => [label(d.signal), num(d.auc), String(d.observations)]),
      ['left', 'right', 'right'],
    ),
    '',
  ];
}

/** Data quality and the CSMs' disagreements. */
function qualityAndDisagreements(data: ScoreBacktestData): string[] {
  return [
    'Data quality:',
    `  • usage rows dated before the contract start: ${data.data_quality.usage_before_contract_start.rows} (${data.data_quality.usage_before_contract_start.accounts} accounts)`,
    `  • events dated before the contract start: ${data.data_quality.events_before_contract_start.rows} (${data.data_quality.events_before_contract_start.accounts} accounts)`,
    `  • churned accounts without a churn date: ${data.data_quality.churned_without_date}`,
    `  • accounts with no usage at all: ${data.data_quality.customers_without_usage} of ${data.data_quality.customers}`,
    `  • contacts last engaged after the first cutoff: ${data.data_quality.contacts_engaged_after_first_cutoff.contacts} of ${data.data_quality.contacts_engaged_after_first_cutoff.of} (a contact keeps one last-engaged date, so their engagement before it is unknown and back-filled relationship scores undercount it)`,
    '',
    'Disagreements:',
    ...disagreementLines(data).map((l) => `  • ${l}`),
  ];
}

/** Terminal text of the score backtest: the verdict first, then the tables behind it. Pure. */
export function renderScoreBacktest(data: ScoreBacktestData): string {
  const lines = [
    ...headline(data),
    ...tierAndDeciles(data),
    ...calibrationAndSignals(data),
    ...qualityAndDisagreements(data),
  ];
  if (data.pending_cutoffs.length > 0)
    lines.push('', `Not judged yet (horizon not over): ${data.pending_cutoffs.join(', ')}.`);
  lines.push(
    `Health model${data.model_versions.length > 1 ? 's' : ''} scored: ${data.model_versions.join(', ')}.`,
  );
  return lines.join('\n');
}
