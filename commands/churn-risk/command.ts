import { z } from 'zod';
import { centsToAmount } from '../../core/money.ts';
import { accountFactsOn } from '../../facts/account-facts.ts';
import { accountRisk } from '../../facts/risk.ts';
import { backtestSettings } from '../../knowledge/backtest-settings.ts';
import { churnRiskConfig } from '../../knowledge/churn-risk-config.ts';
import { REPORTED_TIERS } from '../../knowledge/health-model.ts';
import { latestChurnModel } from '../../records/churn-models.ts';
import { probabilityAnswer } from '../../tools/backtest/churn-probability.ts';
import { healthSignals } from '../../tools/backtest/health-signals.ts';
import { inOnboarding } from '../../tools/risk/leading-indicators.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong, weak } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderChurnRisk } from './render.ts';

export const ChurnRiskArgs = z.object({ as_of: AsOfArg }).strict();

export const ChurnRiskData = z.object({
  as_of: z.string(),
  level: z.enum(['low', 'medium', 'high', 'critical']),
  points: z.number(),
  drivers: z.array(z.string()),
  health: z.object({ score: z.number().nullable(), tier: z.enum(REPORTED_TIERS) }),
  arr: z.number(),
  days_to_renewal: z.number().int().nullable(),
  onboarding: z.boolean(),
  indicators: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      fired: z.boolean(),
      evidence: z.array(z.string()),
      category: z.string(),
      weight: z.number(),
      lead_time: z.string(),
      since: z.string().nullable(),
    }),
  ),
  likely_reason: z.object({ category: z.string(), evidence: z.array(z.string()) }).nullable(),
  save_play: z.object({ category: z.string(), title: z.string(), steps: z.array(z.string()) }).nullable(),
  /** The learned model's calibrated probability with its evidence, or why none is shown. */
  probability: z.union([
    z.object({
      shown: z.literal(true),
      probability: z.number(),
      horizon_days: z.number().int(),
      model_id: z.string(),
      evidence: z.object({
        from: z.number(),
        to: z.number(),
        observations: z.number().int(),
        churned: z.number().int(),
        cutoffs: z.array(z.string()),
      }),
    }),
    z.object({ shown: z.literal(false), reason: z.string() }),
  ]),
});
export type ChurnRiskData = z.infer<typeof ChurnRiskData>;

export const churnRisk = defineCommand({
  intent: 'churn_risk',
  title: 'Churn risk',
  summary:
    'Which leading indicators are firing for an account, with evidence and lead time; the risk level, likely churn reason and save play',
  examples: [
    'churn risk for Globex',
    'are we going to lose Hooli?',
    'is Acme at risk?',
    'is the champion at Umbrella Health burnt out?',
  ],
  triggers: {
    kind: 'account',
    patterns: [
      ...strong(
        /\bchurn risk\b/,
        /\b(?:early[- ])?warning (?:signals?|signs?)\b/,
        /\brenew or (?:walk|leave|churn|cancel)\b/,
        /\brisk of (?:churn|losing|leaving)\b/,
        /\b(?:likely|going|about|planning) to (?:leave|cancel|churn)\b/,
        /\bchurn(?:ing)?\b/,
        /\bat risk\b/,
        /\bflight risk\b/,
        /\bwarning signs?\b/,
        /\bred flags?\b/,
        /\brisky\b/,
        /\bburn(?:t|ed)? ?out\b/,
        /\bburnout\b/,
      ),
      ...weak(/\brisk\b/, /\b(?:lose|losing)\b/, /\bleaving\b/, /\bcancel\w*\b/, /\bworried\b/),
    ],
  },
  render: renderChurnRisk,
  account: 'required',
  access: { area: 'account_health', write: false, target: 'account' },
  args: ChurnRiskArgs,
  result: ChurnRiskData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const config = churnRiskConfig();
    const { data, health, indicators, risk, arrCents } = await accountRisk(ctx.db, account.id, asOf);
    const facts = (await accountFactsOn(ctx.db, [account.id], [asOf])).get(`${account.id}|${asOf}`);
    const signals = health.score === null ? null : { ...healthSignals(health.dimensions), facts };
    const probability = probabilityAnswer(
      await latestChurnModel(ctx.db),
      signals,
      backtestSettings().churn_model.show_probability,
    );
    const result: ChurnRiskData = {
      as_of: asOf,
      level: risk.level,
      points: risk.points,
      drivers: risk.drivers,
      health: { score: health.score, tier: health.tier },
      arr: centsToAmount(arrCents),
      days_to_renewal: risk.daysToRenewal,
      onboarding: inOnboarding(data, config),
      indicators: indicators.map((i) => ({
        id: i.id,
        label: i.label,
        fired: i.fired,
        evidence: i.evidence,
        category: i.category,
        weight: i.weight,
        lead_time: i.leadTime,
        since: i.since,
      })),
      likely_reason: risk.likelyReason,
      save_play: risk.savePlay,
      probability,
    };
    return {
      data: result,
      asOf,
      definitions: {
        level: `points = fired indicator weights + health tier + renewal proximity + ARR at stake; critical ≥ ${config.levels.critical}, high ≥ ${config.levels.high}, medium ≥ ${config.levels.medium}`,
        likely_reason: 'the churn-reason category with the most indicator weight',
        probability:
          'the churn model fitted by cse model fit (regularised logistic regression on the health inputs), shown only when its out-of-time validation is large enough and calibrated (knowledge/health/backtest.json); the evidence is the validation bin the figure falls in',
      },
    };
  },
});
