import { z } from 'zod';
import { addDays, endOfDay } from '../../core/calendar.ts';
import { getAccount } from '../../facts/accounts.ts';
import { goalsForAccount } from '../../facts/goals.ts';
import { type AccountRisk, accountRisk } from '../../facts/risk.ts';
import { touchpointsForAccount } from '../../facts/touchpoints.ts';
import { usageForAccount } from '../../facts/usage.ts';
import { successPlaybook } from '../../knowledge/success-playbook.ts';
import { insertGoals } from '../../records/goals.ts';
import { goalMilestones } from '../../tools/plans/goal-milestones.ts';
import { GOAL_SCORES, scoreGoals } from '../../tools/plans/goal-scorecard.ts';
import { draftSuccessPlan } from '../../tools/plans/success-plan-draft.ts';
import { type UsageSummary, usageSummary } from '../../tools/plans/usage-summary.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import type { CommandContext } from '../context.ts';
import { strong } from '../parse/vocabulary.ts';
import { planStart, ScoredGoal } from '../plan-facts.ts';
import { accountPlanFocus, PlanFocusData, planFocusDefinition } from '../plan-focus.ts';
import { defineCommand } from '../registry-types.ts';
import { renderSuccessPlan } from './render.ts';

export const SuccessPlanArgs = z
  .object({
    as_of: AsOfArg,
    /** Write the drafted goals to the store (only when the account has no goals yet). */
    save: z.boolean().optional(),
  })
  .strict();

export const SuccessPlanData = z.object({
  /** The lifecycle stage and segment strategy this plan follows, and any CS-tier move. */
  playbook: PlanFocusData,
  as_of: z.string(),
  segment: z.string().nullable(),
  /** 'recorded': from the account's goals; 'draft': proposed from the segment defaults. */
  source: z.enum(['recorded', 'draft']),
  saved: z.boolean(),
  plan_start: z.string(),
  objectives: z.array(
    // A drafted objective has no goal yet, so no id and no score.
    ScoredGoal.extend({ goal_id: z.string().nullable(), score: z.enum(GOAL_SCORES).nullable() }),
  ),
  milestones: z.array(
    z.object({
      goal_id: z.string().nullable(),
      date: z.string(),
      title: z.string(),
      status: z.enum(['reached', 'missed', 'due', 'upcoming', 'unmeasured']),
    }),
  ),
  risks: z.array(z.string()),
  next_review: z.object({
    date: z.string(),
    overdue_since: z.string().nullable(),
    last_review: z.string().nullable(),
  }),
  message: z.string().nullable(),
});
export type SuccessPlanData = z.infer<typeof SuccessPlanData>;

const draftId = (accountId: string, k: number) => `${accountId}-SP${k + 1}`;

type Measured = Parameters<typeof draftSuccessPlan>[1];
type Scored = ReturnType<typeof scoreGoals>;

/**
 * A draft plan for an account without goals, from its segment's defaults and its usage; saved as
 * its goals with --save. The message says what was drafted or saved, and what was left out.
 */
async function draftGoals(
  ctx: CommandContext,
  id: string,
  row: Awaited<ReturnType<typeof getAccount>>,
  usageNow: UsageSummary,
  measured: Measured,
  asOf: string,
  save: boolean,
) {
  const draft = draftSuccessPlan(
    row?.segment ?? null,
    measured,
    row?.seats_purchased ?? null,
    usageNow.features_total,
    asOf,
    successPlaybook(),
  );
  const goals = draft.goals.map((g, k) => ({
    goal_id: draftId(id, k),
    account_id: id,
    objective: g.objective,
    metric: g.metric,
    baseline: g.baseline,
    target: g.target,
    due: g.due,
    status: 'not_started' as const,
    attributes: { basis: g.basis, drafted_on: asOf },
  }));
  const saved = save && goals.length > 0;
  if (saved) await insertGoals(ctx.db, goals);
  const message = [
    goals.length === 0
      ? `No goals on record and no usage data to draft from: import goals, or usage first.`
      : saved
        ? `No goals were on record: this draft from the ${row?.segment ?? 'mid-market'} defaults is now saved as ${goals.length} goals (ids ${goals.map((g) => g.goal_id).join(', ')}).`
        : `No goals on record: a draft from the ${row?.segment ?? 'mid-market'} defaults and this account's usage. Agree it with the customer, then save it with: cse run success_plan --account ${id} --save`,
    ...draft.skipped.map((s) => `Left out — ${s}`),
  ].join('\n');
  return { goals, saved, message };
}

/** What threatens the plan: goals behind, goals that cannot be tracked, and the risk signals firing. */
function planRisks(scored: Scored, indicators: AccountRisk['indicators']): string[] {
  return [
    ...scored
      .filter((g) => g.score === 'overdue' || g.score === 'behind' || g.score === 'missed')
      .map((g) => `${g.objective}: ${g.score} — ${g.reason}`),
    ...scored
      .filter((g) => g.metric === null || g.target === null || g.due === null)
      .map(
        (g) =>
          `${g.objective}: no ${g.metric === null ? 'metric' : g.target === null ? 'target' : 'due date'}, so progress cannot be tracked`,
      ),
    ...indicators.filter((i) => i.fired).map((i) => `${i.label}: ${i.evidence.join('; ')}`),
  ];
}

/** The plan's objectives as the answer shows them: ids and scores only once the goals are recorded. */
function objectivesOf(
  scored: Scored,
  recorded: boolean,
  source: SuccessPlanData['source'],
  basisOf: Map<string, string | undefined>,
): SuccessPlanData['objectives'] {
  return scored.map((g) => ({
    goal_id: recorded ? g.goal_id : null,
    objective: g.objective,
    metric: g.metric,
    baseline: g.baseline,
    target: g.target,
    due: g.due,
    status: g.status,
    current: g.current,
    progress_percent: g.progress_percent,
    score: recorded ? g.score : null,
    reason: source === 'draft' ? `target set at ${basisOf.get(g.goal_id) ?? 'the default'}` : g.reason,
  }));
}

export const successPlan = defineCommand({
  intent: 'success_plan',
  title: 'Success plan',
  summary:
    'The account’s success plan from its goals — objectives with measured progress, milestones, risks and the next review — or a draft from the segment’s defaults (--save writes it)',
  examples: [
    'success plan for Initech',
    'what are Acme’s goals?',
    'success plan for Soylent Foods and save',
    'what lifecycle stage is Hooli in?',
    'tier transition plan for Globex',
  ],
  triggers: {
    kind: 'account',
    patterns: strong(
      /\boutcomes?\b.{0,40}\bworking (?:towards?|on)\b/,
      /\bwhat (?:outcomes|goals) (?:is|are|does|do)\b/,
      /\bsuccess plans?\b/,
      /\baccount plans?\b/,
      /\bsuccess criteria\b/,
      /\bdesired outcomes\b/,
      /\bgoals\b/,
      /\bobjectives\b/,
      /\b(?:lifecycle|maturity) stage\b/,
      /\bcustomer maturity\b/,
      /\byear (?:1|2|3|one|two|three)\+? plan\b/,
      /\b(?:cs |touch |coverage )?tier (?:transition|move|change|downgrade)\b/,
      /\blower (?:cs |touch |coverage )?tier\b/,
      /\b(?:downgrade|move)\b.{0,40}\b(?:tech|low|high|mid)[- ]touch\b/,
    ),
  },
  render: renderSuccessPlan,
  account: 'required',
  access: (args) => ({ area: 'account_health', write: args.save === true, target: 'account' }),
  args: SuccessPlanArgs,
  result: SuccessPlanData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const playbook = successPlaybook();
    const id = account.id;
    const [{ indicators }, row, goals, usage, touches] = await Promise.all([
      accountRisk(ctx.db, id, asOf),
      getAccount(ctx.db, id),
      goalsForAccount(ctx.db, id),
      usageForAccount(ctx.db, id, { from: addDays(asOf, -89), to: asOf }),
      touchpointsForAccount(ctx.db, id, { from: addDays(asOf, -365), to: endOfDay(asOf) }),
    ]);
    const usageNow = usageSummary(usage, asOf, 30);
    const measured = {
      wau: usageNow.avg_weekly_active_users,
      seats_active: usageNow.latest_seats_active,
      features_used: usageNow.latest_features_used,
      core_actions: usageNow.core_actions_last_30d,
    };
    // A draft plan starts today; a recorded one with the contract year.
    const start = goals.length === 0 ? asOf : planStart(row, asOf);
    const drafted =
      goals.length === 0
        ? await draftGoals(ctx, account.id, row, usageNow, measured, asOf, args.save === true)
        : null;
    const source: SuccessPlanData['source'] = drafted ? 'draft' : 'recorded';
    const saved = drafted?.saved ?? false;
    const planGoals = drafted?.goals ?? goals.map((g) => ({ ...g }));
    const message =
      drafted?.message ??
      (args.save
        ? `This account already has ${goals.length} goals; --save only writes a draft for an account without goals. Nothing was written.`
        : null);
    const scored = scoreGoals(planGoals, asOf, measured, playbook.observable_metrics, start);
    const basisOf = new Map(planGoals.map((g) => [g.goal_id, (g.attributes as { basis?: string }).basis]));
    const milestones = goalMilestones(scored, start, asOf);
    const risks = planRisks(scored, indicators);
    const lastReview =
      touches
        .filter((t) => t.kind === 'qbr')
        .at(-1)
        ?.at.slice(0, 10) ?? null;
    const dueReview = lastReview ? addDays(lastReview, playbook.review_every_days) : null;
    const focus = await accountPlanFocus(ctx, account.id, asOf, 'success_plan');
    const result: SuccessPlanData = {
      playbook: focus,
      as_of: asOf,
      segment: row?.segment ?? null,
      source,
      saved,
      plan_start: start,
      objectives: objectivesOf(scored, source === 'recorded' || saved, source, basisOf),
      milestones: milestones.map((m) => ({
        ...m,
        goal_id: source === 'recorded' || saved ? m.goal_id : null,
      })),
      risks,
      next_review: {
        date: dueReview && dueReview > asOf ? dueReview : asOf,
        overdue_since: dueReview && dueReview <= asOf ? dueReview : null,
        last_review: lastReview,
      },
      message,
    };
    return {
      data: result,
      asOf,
      definitions: {
        progress: 'measured value − baseline ÷ (target − baseline), for metrics the usage data measures',
        milestones: 'halfway value at the halfway date between plan start and due, and the target at due',
        playbook: planFocusDefinition(),
        next_review: `last QBR + ${playbook.review_every_days} days; today when there is none or it has passed`,
      },
    };
  },
});
