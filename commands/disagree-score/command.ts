import { z } from 'zod';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { DISAGREEMENT_REASONS, healthData } from '../../facts/health.ts';
import { healthModel } from '../../knowledge/health-model.ts';
import { recordDisagreement } from '../../records/health.ts';
import { healthScore } from '../../tools/health/health-score.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { defineCommand } from '../registry-types.ts';
import { renderDisagreeScore } from './render.ts';

const REASONS = Object.keys(DISAGREEMENT_REASONS) as [keyof typeof DISAGREEMENT_REASONS];

export const DisagreeScoreArgs = z
  .object({
    reason: z.enum(REASONS),
    as_of: AsOfArg,
    note: z.string().trim().max(2000).optional(),
  })
  .strict();

export const DisagreeScoreData = z.object({
  account_id: z.string(),
  as_of: z.string(),
  /** The score as recomputed now for that day (never the value a button carried). */
  score: z.number().nullable(),
  tier: z.string(),
  reason: z.string(),
  reason_text: z.string(),
  model_version: z.string(),
});
export type DisagreeScoreData = z.infer<typeof DisagreeScoreData>;

/**
 * Records that a person disagrees with an account's health score. The score and tier are computed
 * again for the day named, so what is stored is what the model said, whatever a client sent.
 */
export const disagreeScore = defineCommand({
  intent: 'disagree_score',
  title: 'Disagree with a health score',
  summary:
    'Records why you think an account’s health score is wrong; disagreements feed the calibration report',
  examples: [],
  triggers: null,
  render: renderDisagreeScore,
  account: 'required',
  access: { area: 'account_health', write: true, target: 'account' },
  args: DisagreeScoreArgs,
  result: DisagreeScoreData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const [data] = await healthData(ctx.db, asOf, [account.id]);
    if (!data || !account)
      throw new CseError(
        ErrorCode.NotFound,
        `No health data for ${account?.name ?? 'that account'} on ${asOf}`,
      );
    const health = healthScore(data, healthModel());
    if (health.score === null)
      throw new CseError(
        ErrorCode.BadInput,
        `${account.name} has no health score on ${asOf} (not enough data), so there is nothing to disagree with`,
        { hint: `cse run score --account "${account.name}" lists the data that would score it` },
      );
    await recordDisagreement(ctx.db, {
      account_id: account.id,
      actor: ctx.actor.id,
      as_of: asOf,
      score: health.score,
      tier: health.tier,
      reason: args.reason,
      note: args.note ?? null,
    });
    return {
      data: {
        account_id: account.id,
        as_of: asOf,
        score: health.score,
        tier: health.tier,
        reason: args.reason,
        reason_text: DISAGREEMENT_REASONS[args.reason],
        model_version: health.modelVersion,
      },
      asOf,
      definitions: { disagreement: 'a reason code against the score the model computes for that day' },
    };
  },
});
