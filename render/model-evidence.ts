import type { ProposalComparison } from '../commands/score-backtest/model-evidence.ts';
import { formatMoneyShort } from '../core/money.ts';
import type { TrackRecord } from '../facts/forecast-track-record.ts';
import type { BacktestSettings } from '../knowledge/backtest-settings.ts';
import { type ChurnModelFit, featureLabel, type ModelMetrics } from '../tools/backtest/churn-model.ts';
import { trackSummary } from '../tools/forecast/track-summary.ts';
import { formatPercent } from './percent.ts';
import { formatTable } from './table.ts';

const num = (v: number | null | undefined, digits = 3) =>
  v === null || v === undefined ? 'n/a' : v.toFixed(digits);
const pct = (v: number | null | undefined) => formatPercent(v);
const lift = (m: ModelMetrics) => (m.top_decile_lift === null ? 'n/a' : `${m.top_decile_lift.toFixed(2)}×`);

/** `cse model fit`: the learned model beside the rules, on the later cutoffs it never saw. Pure. */
export function renderChurnModelFit(fit: ChurnModelFit, id: string, settings: BacktestSettings): string {
  const v = fit.validation;
  const gate = settings.churn_model.show_probability;
  const shows =
    v.beats_base_rate !== false &&
    v.observations >= gate.min_validation_observations &&
    v.churned >= gate.min_validation_churned &&
    v.calibration_error !== null &&
    v.calibration_error <= gate.max_calibration_error;
  return [
    `Churn model ${id}: L2-regularised logistic regression (λ ${fit.model.lambda}) on ${fit.model.features.length} point-in-time signals (health inputs and account facts)${fit.converged ? '' : ' (did not converge: read with care)'}.`,
    `Trained on ${fit.train.observations} account-months at ${fit.train.cutoffs.length} cutoffs (${fit.train.cutoffs[0]} … ${fit.train.cutoffs.at(-1)}; ${fit.train.churned} lost); validated on the ${v.observations} that followed (${v.cutoffs[0]} … ${v.cutoffs.at(-1)}; ${v.churned} lost).`,
    '',
    'Out of time, side by side:',
    formatTable(
      ['', 'AUC', 'Brier', 'Top-decile lift'],
      [
        ['learned model', num(v.learned.auc), num(v.learned.brier), lift(v.learned)],
        ['rule-based score', num(v.rules.auc), num(v.rules.brier), lift(v.rules)],
      ],
      ['left', 'right', 'right', 'right'],
    ),
    v.auc_interval
      ? `The learned model's AUC, 95 % interval: ${num(v.auc_interval.low)}–${num(v.auc_interval.high)}${v.beats_base_rate ? '' : ': no better than the base rate, so churn_risk does not use it'}.`
      : 'Too few lost or kept account-months in validation for an AUC interval.',
    '',
    `Calibration in validation: expected error ${pct(v.calibration_error)}.`,
    formatTable(
      ['Predicted', 'Account-months', 'Mean predicted', 'Observed'],
      v.reliability.map((b) => [
        `${pct(b.from)}–${pct(b.to)}`,
        String(b.observations),
        pct(b.predicted),
        pct(b.observed),
      ]),
      ['left', 'right', 'right', 'right'],
    ),
    ...decileLines(v.deciles ?? []),
    '',
    'Weights it implies (per standard deviation of the signal; negative = a higher value means less churn):',
    formatTable(
      ['Signal', 'Coefficient'],
      fit.weights.slice(0, 12).map((w) => [featureLabel(w.feature), w.coefficient.toFixed(3)]),
      ['left', 'right'],
    ),
    '',
    shows
      ? 'churn_risk now shows this model’s probability with its evidence.'
      : `churn_risk will not show a probability from it: it needs ${gate.min_validation_observations} validation account-months, ${gate.min_validation_churned} lost, and a calibration error of at most ${pct(gate.max_calibration_error)}.`,
  ].join('\n');
}

/** Calibration by deciles of equal count, each against its observed rate's 95 % interval. */
function decileLines(deciles: ChurnModelFit['validation']['deciles']): string[] {
  if (deciles.length === 0) return [];
  const inside = deciles.filter((d) => d.inside).length;
  return [
    '',
    `By deciles of equal size: the prediction falls inside the observed rate's 95 % interval in ${inside} of ${deciles.length}.`,
    formatTable(
      ['Decile', 'Account-months', 'Mean predicted', 'Observed', '95 % interval', ''],
      deciles.map((d) => [
        String(d.decile),
        String(d.observations),
        pct(d.predicted),
        pct(d.observed),
        `${pct(d.low)}–${pct(d.high)}`,
        d.inside ? 'inside' : 'outside',
      ]),
      ['right', 'right', 'right', 'right', 'right', 'left'],
    ),
  ];
}

/** `cse health propose`: current and proposed model on the same history, and the verdict. Pure. */
export function renderProposal(c: ProposalComparison): string {
  const row = (name: string, r: ProposalComparison['current']['report']) => [
    name,
    num(r.auc.value),
    r.auc.ci ? `${num(r.auc.ci.low)}–${num(r.auc.ci.high)}` : 'n/a',
    num(r.brier),
    r.deciles[0]?.lift == null ? 'n/a' : `${r.deciles[0].lift.toFixed(2)}×`,
    r.tiers
      .filter((t) => t.observations > 0)
      .map((t) => `${t.tier} ${pct(t.rate)}`)
      .join(', '),
  ];
  const verdict =
    c.verdict === 'better_or_equal'
      ? 'Not worse: it can be accepted with --accept --reason "…".'
      : c.verdict === 'worse_within_tolerance'
        ? `Slightly worse (AUC ${num(c.auc_change)}), within the ${c.max_auc_drop} tolerance: it can be accepted.`
        : `Worse: ${c.auc_change === null ? 'no AUC on this history' : `the AUC drops by ${num(-c.auc_change)}`}, more than the ${c.max_auc_drop} allowed. --accept refuses it without --force.`;
  return [
    `Health model proposal, backtested on ${c.cutoffs.length} monthly cutoffs (${c.cutoffs[0]} … ${c.cutoffs.at(-1)}), every account rescored from its history:`,
    formatTable(
      ['Model', 'AUC', '95 % interval', 'Brier', 'Top-decile lift', 'Churn rate by tier'],
      [
        row(`${c.current.model_version} (current)`, c.current.report),
        row(`${c.proposed.model_version} (proposed)`, c.proposed.report),
      ],
      ['left', 'right', 'right', 'right', 'right', 'left'],
    ),
    '',
    verdict,
  ].join('\n');
}

/** What a track record says, for `cse model fit`: each replayed quarter, coverage and P50's error. */
export function renderTrackRecord(record: TrackRecord): string {
  const money = (cents: number) => formatMoneyShort(cents);
  const summary = trackSummary(record.quarters);
  if (!summary) return `Renewal forecast track record: none (${record.note ?? 'no past quarter to replay'}).`;
  const { quarters: n, inside } = summary;
  return [
    `Renewal forecast track record: ${n} past quarter${n === 1 ? '' : 's'} replayed with the model fitted on what was known at each start.`,
    formatTable(
      ['Quarter', 'Due', 'ARR due', 'P10', 'P50', 'P90', 'Actual', ''],
      record.quarters.map((q) => [
        q.quarter,
        String(q.accounts),
        money(q.dueCents),
        money(q.p10Cents),
        money(q.p50Cents),
        money(q.p90Cents),
        money(q.actualCents),
        q.inside ? 'inside' : 'outside',
      ]),
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
    `Actual inside P10–P90 in ${inside} of ${n}; P50 off by ${money(summary.p50MaeCents)} on average.${record.note ? ` ${record.note}.` : ''}`,
  ].join('\n');
}
