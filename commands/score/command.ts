import { z } from 'zod';
import { addDays } from '../../core/calendar.ts';
import { accountEngagement, engagementDefinition } from '../../facts/engagement.ts';
import { healthData, snapshotOnOrBefore } from '../../facts/health.ts';
import { productUsageByAccount } from '../../facts/products.ts';
import { accountVoiceContext } from '../../facts/signals.ts';
import { ENGAGEMENT_LEVELS } from '../../knowledge/engagement-levels.ts';
import { DIMENSIONS, healthModel, REPORTED_TIERS } from '../../knowledge/health-model.ts';
import { healthScore } from '../../tools/health/health-score.ts';
import { compareWithSnapshot, type SnapshotPoint, type TrendPoint } from '../../tools/health/health-trend.ts';
import {
  AccountProductsData,
  accountProducts,
  multiProduct,
  PRODUCTS_DEFINITION,
} from '../account-products.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong, weak } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderScore } from './render.ts';

export const ScoreArgs = z.object({ as_of: AsOfArg }).strict();

const Input = z.object({
  name: z.string(),
  value: z.union([z.number(), z.string(), z.null()]),
  score: z.number().nullable(),
  as_of: z.string().nullable(),
  detail: z.string(),
});
const Dimension = z.object({
  score: z.number().nullable(),
  weight: z.number(),
  inputs: z.array(Input),
  reason: z.string(),
});
const Trend = z
  .object({
    as_of: z.string(),
    days_back: z.number().int(),
    score: z.number(),
    tier: z.string(),
    score_change: z.number(),
    changes: z.array(
      z.object({
        dimension: z.string(),
        from: z.number().nullable(),
        to: z.number().nullable(),
        explanation: z.string(),
      }),
    ),
  })
  .nullable();

/** What customers said and how fast we answered: context shown beside the score, never part of it. */
const VoiceContextData = z
  .object({
    window_days: z.number().int(),
    now: z.object({ risk: z.number().int(), praise: z.number().int() }),
    before: z.object({ risk: z.number().int(), praise: z.number().int() }),
    responsiveness: z
      .object({ questions: z.number().int(), median_hours: z.number(), sla_hours: z.number() })
      .nullable(),
  })
  .nullable();

export const ScoreData = z.object({
  voice: VoiceContextData,
  /** Null, with tier `unscored`, when the dimensions with data carry too little of the weight. */
  score: z.number().int().min(0).max(100).nullable(),
  tier: z.enum(REPORTED_TIERS),
  /** The share of the weight carried by dimensions with data, and the share a score needs. */
  coverage: z.number().min(0).max(1),
  min_coverage: z.number().min(0).max(1),
  /** Each dimension without data, its share of the weight, and the import that would supply it. */
  evidence_needed: z.array(z.object({ dimension: z.string(), weight_share: z.number(), supply: z.string() })),
  dimensions: z.object(
    Object.fromEntries(DIMENSIONS.map((d) => [d, Dimension])) as Record<
      (typeof DIMENSIONS)[number],
      typeof Dimension
    >,
  ),
  missing: z.array(z.string()),
  trend: z.object({ d7: Trend, d30: Trend }),
  actions: z.array(z.string()),
  /** Multi-product accounts: each product's ARR and health, and the ARR-weighted score; else null. */
  products: AccountProductsData.nullable(),
  /** The playbook's engagement level (knowledge/health/engagement-levels.json); null without usage data. */
  engagement: z
    .object({
      level: z.enum(ENGAGEMENT_LEVELS),
      label: z.string(),
      behaviour: z.string(),
      renewal_odds: z.string(),
      action: z.string(),
      dau_mau: z.number().nullable(),
      feature_breadth: z.number().nullable(),
      last_active: z.string().nullable(),
      from: z.string(),
      to: z.string(),
      version: z.string(),
    })
    .nullable(),
  model_version: z.string(),
  as_of: z.string(),
});
export type ScoreData = z.infer<typeof ScoreData>;

const trendShape = (t: TrendPoint | null) =>
  t && {
    as_of: t.asOf,
    days_back: t.daysBack,
    score: t.score,
    tier: t.tier,
    score_change: t.scoreChange,
    changes: t.changes,
  };

/** The snapshot nearest a number of days back (on or before that day), as a trend point. */
async function snapshotBack(
  db: Parameters<typeof snapshotOnOrBefore>[0],
  accountId: string,
  asOf: string,
  days: number,
): Promise<SnapshotPoint | null> {
  const s = await snapshotOnOrBefore(db, accountId, addDays(asOf, -days));
  return (
    s && {
      asOf: s.as_of,
      score: s.score,
      tier: s.tier,
      dimensions: s.dimensions as SnapshotPoint['dimensions'],
    }
  );
}

export const score = defineCommand({
  intent: 'score',
  title: 'Health score',
  summary:
    'An account’s 0–100 health with every dimension, input and reason, what changed in 7 and 30 days, its engagement level, each product’s health with the ARR-weighted score for a multi-product account, and the playbook for its tier',
  examples: [
    'score Acme Corp',
    'how is Globex doing?',
    'health of Initech as of 2026-06-30',
    'product health for Acme Corp',
  ],
  triggers: {
    kind: 'account',
    patterns: [
      ...strong(
        /\bhealth ?scores?\b/,
        /\bhealth ?check\b/,
        /\bhow healthy\b/,
        /\bscore ?card\b/,
        /\bengagement(?: level)?\b/,
        /\bhow engaged\b/,
        /\b(?:a )?power user(?: account)?\b/,
        /\bgoing (?:dormant|quiet|dark)\b/,
      ),
      ...weak(
        /\bin (?:good|bad|great|poor) shape\b/,
        /\bdoing (?:ok|okay|alright|fine|well)\b/,
        /\bhow (?:is|s|are|has|have|was)\b.{0,60}\b(?:doing|looking|going|tracking|trending|performing)\b/,
        /^how s\b/,
        /\bhow (?:are )?things\b/,
        /\bhealthy\b/,
        /\bscores?\b/,
        /\bhealth\b/,
        /\bstatus (?:of|for|on)\b/,
        /\bcheck (?:on|in on)\b/,
        /\bpulse\b/,
        /\bupdate on\b/,
      ),
    ],
  },
  render: renderScore,
  account: 'required',
  access: { area: 'account_health', write: false, target: 'account' },
  args: ScoreArgs,
  result: ScoreData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const model = healthModel();
    const [data] = await healthData(ctx.db, asOf, [account.id]);
    if (!data) throw new Error(`account ${account?.id} vanished while scoring`);
    const health = healthScore(data, model);
    const [week, month, usage, voice] = await Promise.all([
      snapshotBack(ctx.db, data.accountId, asOf, 7),
      snapshotBack(ctx.db, data.accountId, asOf, 30),
      productUsageByAccount(ctx.db, [data.accountId], asOf),
      accountVoiceContext(ctx.db, { id: data.accountId, segment: data.segment }, asOf, ctx.now),
    ]);
    const products = await accountProducts(ctx, data, usage.get(data.accountId) ?? []);
    const result: ScoreData = {
      voice,
      score: health.score,
      tier: health.tier,
      coverage: health.coverage,
      min_coverage: model.evidence.min_weight_coverage,
      evidence_needed: health.evidenceNeeded,
      dimensions: health.dimensions,
      missing: health.missing,
      trend: {
        d7: trendShape(week && compareWithSnapshot(health, week, 7)),
        d30: trendShape(month && compareWithSnapshot(health, month, 30)),
      },
      actions: health.tier === 'unscored' ? [] : model.playbooks[health.tier],
      products: multiProduct(products),
      engagement: await accountEngagement(ctx, asOf, account.id),
      model_version: health.modelVersion,
      as_of: asOf,
    };
    return {
      data: result,
      asOf,
      definitions: {
        score: `five dimensions scored 0–10 from their inputs, weighted by segment into 0–100; dimensions without data are left out and the weights renormalised; no score when the dimensions with data carry less than ${Math.round(model.evidence.min_weight_coverage * 100)} % of the weight (docs/health-model.md)`,
        engagement: engagementDefinition(),
        voice:
          'beside the score, not part of it: risk signals (churn intent, competitor, budget, champion leaving) and praise in the customer’s words over 30 days and the 30 before; our median first response to their channel questions over 30 days against the segment’s SLA (docs/customer-signals.md)',
        products: PRODUCTS_DEFINITION,
        tiers: `thriving ≥ ${model.tiers.thriving}, healthy ≥ ${model.tiers.healthy}, at-risk ≥ ${model.tiers['at-risk']}, else critical`,
      },
    };
  },
});
