import { z } from 'zod';
import { getAccount } from '../../facts/accounts.ts';
import { feedbackForAccount } from '../../facts/feedback.ts';
import { winbackPlaybook } from '../../knowledge/winback-playbook.ts';
import { winbackPlan as buildWinbackPlan } from '../../tools/plans/winback-plan.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong, weak } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderWinbackPlan } from './render.ts';

export const WinbackArgs = z.object({ as_of: AsOfArg }).strict();

export const WinbackData = z.object({
  as_of: z.string(),
  churned: z.boolean(),
  message: z.string().nullable(),
  churned_at: z.string().nullable(),
  days_since_churn: z.number().int().nullable(),
  bucket: z.object({ id: z.string(), approach: z.string(), expected_success_rate: z.number() }).nullable(),
  churn_reason: z.string().nullable(),
  what_changed: z.string().nullable(),
  last_feedback: z.array(z.object({ created_at: z.string(), text: z.string() })),
  emails: z.array(z.object({ step: z.number().int(), send_on: z.string(), subject: z.string() })),
});
export type WinbackData = z.infer<typeof WinbackData>;

const LAST_FEEDBACK = 3;
const DEFINITIONS: Record<string, string> = {
  bucket: 'days from churned_at to the as-of day: 0–30, 31–90, 91–180, 181–365, over 365',
};

export const winbackPlan = defineCommand({
  intent: 'winback_plan',
  title: 'Win-back plan',
  summary:
    'For a churned account: the timing bucket, approach and expected success rate, the churn reason and what changed, and a dated three-email sequence',
  examples: ['win-back plan for Umbrella Health', 'how do we win back Umbrella?', 'winback Umbrella Health'],
  triggers: {
    kind: 'account',
    patterns: [
      ...weak(/\bget\b.{1,40}\bback\b(?! on track)/),
      ...strong(
        /\bwin ?back\b/,
        /\bwinback\b/,
        /\bbring\b.{0,30}\bback\b/,
        /\bre ?engage\b/,
        /\bwin\b.{0,30}\bback\b/,
      ),
    ],
  },
  render: renderWinbackPlan,
  account: 'required',
  access: { area: 'account_health', write: false, target: 'account' },
  args: WinbackArgs,
  result: WinbackData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const id = account.id;
    const [row, feedback] = await Promise.all([getAccount(ctx.db, id), feedbackForAccount(ctx.db, id)]);
    const last = feedback.slice(-LAST_FEEDBACK).map((f) => ({ created_at: f.created_at, text: f.text }));
    const empty = {
      churned_at: null,
      days_since_churn: null,
      bucket: null,
      churn_reason: null,
      what_changed: null,
      emails: [],
    };
    if (row?.status !== 'churned') {
      const data: WinbackData = {
        as_of: asOf,
        churned: false,
        message: `${account?.name ?? id} has not churned: it is an active customer. If it is at risk, ask for its save play ("save play for ${account?.name ?? id}").`,
        last_feedback: last,
        ...empty,
      };
      return { data, asOf, definitions: DEFINITIONS };
    }
    const churnedAt = row.churned_at ?? asOf;
    const plan = buildWinbackPlan(churnedAt, row.churn_reason, asOf, winbackPlaybook());
    const data: WinbackData = {
      as_of: asOf,
      churned: true,
      message: row.churned_at ? null : 'No churned_at date is recorded; timing counts from today',
      churned_at: row.churned_at,
      days_since_churn: plan.daysSinceChurn,
      bucket: {
        id: plan.bucket.id,
        approach: plan.bucket.approach,
        expected_success_rate: plan.bucket.expectedSuccessRate,
      },
      churn_reason: plan.reason,
      what_changed: plan.whatChanged,
      last_feedback: last,
      emails: plan.emails.map((e) => ({ step: e.step, send_on: e.sendOn, subject: e.subject })),
    };
    return {
      data,
      asOf,
      definitions: {
        bucket: 'days from churned_at to the as-of day: 0–30, 31–90, 91–180, 181–365, over 365',
      },
    };
  },
});
