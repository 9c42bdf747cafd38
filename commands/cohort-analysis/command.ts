import { z } from 'zod';
import { metricsSettings } from '../../knowledge/metrics-settings.ts';
import { cohortObservations } from '../../tools/metrics/cohort-observations.ts';
import { cohortTable } from '../../tools/metrics/cohorts.ts';
import { AsOfArg } from '../as-of.ts';
import { BookScopeData, BookScopeFields, bookScopeData, resolveBook } from '../book-scope.ts';
import { METRIC_DEFINITIONS, settingsUsed } from '../metric-definitions.ts';
import { cohortEntry } from '../metrics-shapes.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { loadRevenueWindow } from '../revenue-grid.ts';
import { renderCohortAnalysis } from './render.ts';

export const CohortAnalysisArgs = z
  .object({
    as_of: AsOfArg,
    by: z.enum(['signup_month']).optional(),
    metric: z.enum(['logo', 'revenue']).optional(),
    ...BookScopeFields,
  })
  .strict();

const RatioShape = z.object({ num: z.number(), den: z.number(), value: z.number().nullable() });

export const CohortAnalysisData = z.object({
  as_of: z.string(),
  month: z.string(),
  by: z.literal('signup_month'),
  metric: z.enum(['logo', 'revenue']),
  scope: BookScopeData,
  cohorts: z.array(
    z.object({
      cohort: z.string(),
      left_censored: z.boolean(),
      accounts: z.array(z.string()),
      size: z.number().int(),
      base_mrr: z.number(),
      cells: z.array(
        z.object({
          k: z.number().int(),
          month: z.string(),
          active_logos: z.number().int(),
          logo_retention: RatioShape,
          mrr: z.number(),
          revenue_retention: RatioShape,
        }),
      ),
    }),
  ),
  observations: z.object({
    horizon: z.number().int().nullable(),
    steepest_drop: z
      .object({
        from_k: z.number().int(),
        to_k: z.number().int(),
        average_drop: z.number(),
        diagnosis: z.enum(['onboarding', 'renewal', 'mid-life']),
      })
      .nullable(),
    best: z.object({ cohort: z.string(), retention: z.number() }).nullable(),
    worst: z.object({ cohort: z.string(), retention: z.number() }).nullable(),
    newer_retain_better: z.object({ newer: z.number(), older: z.number(), answer: z.boolean() }).nullable(),
    revenue_vs_logo: z.object({ revenue: z.number(), logo: z.number(), gap: z.number() }).nullable(),
    sentences: z.array(z.string()),
  }),
  definition: z.record(z.string(), z.unknown()),
});
export type CohortAnalysisData = z.infer<typeof CohortAnalysisData>;

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

export const cohortAnalysis = defineCommand({
  intent: 'cohort_analysis',
  title: 'Cohort analysis',
  summary:
    'Logo or revenue retention by signup-month cohort, with where customers drop off and which cohorts do best',
  examples: ['cohort analysis', 'revenue cohort analysis for smb', 'how do our signup cohorts retain?'],
  triggers: {
    kind: 'book',
    exact: [/^(?:cohorts?|cohort analysis|cohort report|cohort retention|cohort table)$/],
    patterns: strong(
      /\bcohorts?\b/,
      /\bsign ?up months?\b/,
      /\bretention by (?:signup|start|join) month\b/,
      /\bvintages?\b/,
    ),
  },
  render: renderCohortAnalysis,
  account: 'none',
  access: { area: 'book_reports', write: false, target: 'book' },
  args: CohortAnalysisArgs,
  result: CohortAnalysisData,
  async run(ctx, args) {
    const metric = args.metric ?? 'logo';
    const book = await resolveBook(ctx, args);
    const { month, asOf, grid } = await loadRevenueWindow(ctx, book, args.as_of);
    const cohorts = cohortTable(grid);
    const obs = cohortObservations(cohorts, metric);
    const data: CohortAnalysisData = {
      as_of: asOf,
      month,
      by: 'signup_month',
      metric,
      scope: bookScopeData(book),
      cohorts: cohorts.map(cohortEntry),
      observations: {
        horizon: obs.horizon,
        steepest_drop: obs.steepestDrop
          ? {
              from_k: obs.steepestDrop.fromK,
              to_k: obs.steepestDrop.toK,
              average_drop: round6(obs.steepestDrop.averageDrop),
              diagnosis: obs.steepestDrop.diagnosis,
            }
          : null,
        best: obs.best ? { cohort: obs.best.cohort, retention: round6(obs.best.retention) } : null,
        worst: obs.worst ? { cohort: obs.worst.cohort, retention: round6(obs.worst.retention) } : null,
        newer_retain_better: obs.newerRetainBetter
          ? {
              newer: round6(obs.newerRetainBetter.newer),
              older: round6(obs.newerRetainBetter.older),
              answer: obs.newerRetainBetter.answer,
            }
          : null,
        revenue_vs_logo: obs.revenueVsLogo
          ? {
              revenue: round6(obs.revenueVsLogo.revenue),
              logo: round6(obs.revenueVsLogo.logo),
              gap: round6(obs.revenueVsLogo.gap),
            }
          : null,
        sentences: obs.sentences,
      },
      definition: {
        cohorts: METRIC_DEFINITIONS.cohorts,
        ratios: METRIC_DEFINITIONS.ratios,
        version: METRIC_DEFINITIONS.version,
        settings: settingsUsed(metricsSettings()),
      },
    };
    return { data, asOf, definitions: { cohorts: METRIC_DEFINITIONS.cohorts } };
  },
});
