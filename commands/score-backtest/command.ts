import { z } from 'zod';
import { dataQualityCounts } from '../../facts/backtest.ts';
import { outcomeJudge, seededBacktest, storedObservations } from '../../facts/backtest-observations.ts';
import { disagreementFacts } from '../../facts/health.ts';
import { REPORTED_TIERS } from '../../knowledge/health-model.ts';
import { disagreementReport, weakestDimension } from '../../tools/backtest/disagreement-report.ts';
import { BacktestRangeFields, backtestBasis, Interval } from '../backtest-args.ts';
import { BookScopeData, bookScopeData } from '../book-scope.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderScoreBacktest } from './render.ts';

export const ScoreBacktestArgs = z.object(BacktestRangeFields).strict();
const SignalAuc = z.object({
  signal: z.string(),
  observations: z.number().int(),
  churned: z.number().int(),
  auc: z.number().nullable(),
});

export const ScoreBacktestData = z.object({
  scope: BookScopeData,
  as_of: z.string(),
  horizon_days: z.number().int(),
  contraction_share: z.number(),
  cutoffs: z.array(z.string()),
  pending_cutoffs: z.array(z.string()),
  model_versions: z.array(z.string()),
  observation_count: z.number().int(),
  scored: z.number().int(),
  churned: z.number().int(),
  base_rate: z.number().nullable(),
  auc: z.object({
    value: z.number().nullable(),
    ci: z.object({ low: z.number(), high: z.number(), samples: z.number().int() }).nullable(),
  }),
  tiers: z.array(
    z.object({
      tier: z.enum(REPORTED_TIERS),
      observations: z.number().int(),
      churned: z.number().int(),
      rate: z.number().nullable(),
      ci: Interval,
    }),
  ),
  deciles: z.array(
    z.object({
      decile: z.number().int(),
      observations: z.number().int(),
      churned: z.number().int(),
      rate: z.number(),
      lift: z.number().nullable(),
    }),
  ),
  top_decile_mrr_recall: z.number().nullable(),
  brier: z.number().nullable(),
  reliability: z.array(
    z.object({
      from: z.number(),
      to: z.number(),
      observations: z.number().int(),
      predicted: z.number().nullable(),
      observed: z.number().nullable(),
    }),
  ),
  dimensions: z.array(SignalAuc),
  inputs: z.array(SignalAuc),
  strongest_signal: SignalAuc.nullable(),
  data_quality: z.object({
    usage_before_contract_start: z.object({ rows: z.number().int(), accounts: z.number().int() }),
    events_before_contract_start: z.object({ rows: z.number().int(), accounts: z.number().int() }),
    churned_without_date: z.number().int(),
    customers_without_usage: z.number().int(),
    customers: z.number().int(),
    contacts_engaged_after_first_cutoff: z.object({ contacts: z.number().int(), of: z.number().int() }),
  }),
  disagreements: z.array(
    z.object({
      reason: z.string(),
      disagreements: z.number().int(),
      accounts: z.number().int(),
      lost: z.number().int(),
      retained: z.number().int(),
      pending: z.number().int(),
      lost_rate: z.number().nullable(),
      by_csm: z.record(z.string(), z.number()),
      by_segment: z.record(z.string(), z.number()),
      by_weakest_dimension: z.record(z.string(), z.number()),
    }),
  ),
  observations: z.array(
    z.object({
      account_id: z.string(),
      cutoff: z.string(),
      score: z.number().nullable(),
      tier: z.enum(REPORTED_TIERS),
      churned: z.boolean(),
      outcome: z.enum(['churned', 'contracted', 'retained']),
    }),
  ),
});
export type ScoreBacktestData = z.infer<typeof ScoreBacktestData>;

export const SCORE_BACKTEST_DEFINITION =
  'At the last snapshot of each month, every account that was a customer is compared with what happened within the horizon: a loss is churn, or MRR falling more than the set share; AUC = the chance a lost account scored lower than a kept one (ties half), 95 % bootstrap interval; tier rates with Wilson intervals; Brier and reliability of the churn rate each tier implied at the other cutoffs (docs/trust-the-score.md)';

export const scoreBacktestCommand = defineCommand({
  intent: 'score_backtest',
  title: 'Can we trust the score?',
  summary:
    'Backtests the health score against what happened: churn by tier, AUC, deciles, calibration, which signals carry it, data quality, and what came of the Disagree clicks',
  examples: [
    'how good is our health score?',
    'does the health score predict churn?',
    'backtest the health score for enterprise',
  ],
  triggers: {
    kind: 'book',
    exact: [/^(?:backtest|score backtest|health backtest|backtest the (?:health )?score)$/],
    patterns: strong(
      /\bbacktest\w*\b/,
      /\bhow (?:good|accurate|reliable|trustworthy|well calibrated) is (?:our|the|my) (?:health )?scor\w*\b/,
      /\b(?:can|do|should) (?:we|i) trust (?:our|the|my) (?:health )?scor\w*\b/,
      /\b(?:does|do) (?:our|the|my) (?:health )?scores? (?:predict|forecast|catch|separate)\b/,
      /\b(?:health )?score (?:accuracy|calibration)\b/,
      /\bdisagree\w* (?:report|calibration)\b/,
    ),
  },
  render: renderScoreBacktest,
  account: 'none',
  access: { area: 'book_reports', write: false, target: 'book' },
  args: ScoreBacktestArgs,
  result: ScoreBacktestData,
  async run(ctx, args) {
    const { settings, horizon, book, scope, tuned, cutoffs } = await backtestBasis(ctx, args);
    const { observations, modelVersions } = await storedObservations(
      ctx.db,
      cutoffs.judged,
      scope,
      tuned,
      ctx.today,
    );
    const report = seededBacktest(observations, settings);
    const facts = await disagreementFacts(ctx.db, scope);
    const judge = await outcomeJudge(ctx.db, [...new Set(facts.map((f) => f.account_id))], tuned, ctx.today);
    const disagreements = disagreementReport(
      facts.map((f) => ({
        account_id: f.account_id,
        actor: f.actor,
        segment: f.segment,
        reason: f.reason,
        weakest_dimension: weakestDimension(f.dimensions),
        outcome: judge.outcome(f.account_id, f.as_of).kind,
      })),
    );
    const data: ScoreBacktestData = {
      scope: bookScopeData(book),
      as_of: ctx.today,
      horizon_days: horizon,
      contraction_share: settings.outcome.contraction_share,
      cutoffs: report.cutoffs,
      pending_cutoffs: cutoffs.pending,
      model_versions: modelVersions,
      observation_count: report.observations,
      scored: report.scored,
      churned: report.churned,
      base_rate: report.base_rate,
      auc: report.auc,
      tiers: report.tiers,
      deciles: report.deciles,
      top_decile_mrr_recall: report.top_decile_mrr_recall,
      brier: report.brier,
      reliability: report.reliability,
      dimensions: report.dimensions,
      inputs: report.inputs,
      strongest_signal: report.dimensions[0]?.auc != null ? (report.dimensions[0] ?? null) : null,
      data_quality: await dataQualityCounts(ctx.db, scope, cutoffs.judged[0] as string),
      disagreements,
      observations: observations.map((o) => ({
        account_id: o.account_id,
        cutoff: o.cutoff,
        score: o.score,
        tier: o.tier,
        churned: o.churned,
        outcome: o.outcome,
      })),
    };
    return {
      data,
      asOf: ctx.today,
      definitions: {
        backtest: SCORE_BACKTEST_DEFINITION,
        settings: `knowledge/health/backtest.json ${settings.version}: horizon ${horizon} days, contraction over ${Math.round(settings.outcome.contraction_share * 100)} %, ${settings.bootstrap.samples} bootstrap samples (seed ${settings.bootstrap.seed})`,
      },
    };
  },
});
