import { z } from 'zod';
import { lifecyclePlaybook, type PlanKind } from '../knowledge/lifecycle-playbook.ts';
import { getAccount } from '../store/repositories/accounts.ts';
import { revenueForAccount } from '../store/repositories/revenue.ts';
import { type PlanFocus, planFocus } from '../tools/plans/lifecycle-stage.ts';
import type { CommandContext } from './context.ts';

/** The stage and strategy a plan follows (the playbook's maturity and segment sections). */
export const PlanFocusData = z.object({
  stage: z
    .object({ id: z.string(), label: z.string(), focus: z.string(), months_as_customer: z.number().int() })
    .nullable(),
  strategy: z.object({ segment: z.string(), strategy: z.string(), how: z.string() }).nullable(),
  steps: z.array(z.string()),
  cs_tier: z.object({ current: z.string(), label: z.string() }).nullable(),
  tier_transition: z
    .object({ from: z.string(), to: z.string(), since: z.string(), steps: z.array(z.string()) })
    .nullable(),
});

export const PLAN_FOCUS_DEFINITION =
  'stage from whole months since contract start (year 1 from month 0, year 2 from 12, year 3+ from 24); strategy from the segment; CS tier from 12 × latest month-end MRR (enterprise ≥ $100k, mid-market ≥ $25k, SMB ≥ $5k, else self-serve), with a transition plan when the highest tier of the last 6 months was higher (knowledge/plans/lifecycle.json)';

/** The focus of one kind of plan for an account as of a day. */
export async function accountPlanFocus(
  ctx: Pick<CommandContext, 'db'>,
  accountId: string,
  asOf: string,
  kind: PlanKind,
): Promise<PlanFocus> {
  const [row, revenue] = await Promise.all([
    getAccount(ctx.db, accountId),
    revenueForAccount(ctx.db, accountId),
  ]);
  return planFocus(
    {
      contractStart: row?.contract_start ?? null,
      segment: row?.segment ?? null,
      mrr: revenue.map((r) => ({ month: r.month, cents: Number(r.mrr_cents) })),
      asOf,
    },
    kind,
    lifecyclePlaybook(),
  );
}

/** The focus as the plans' text shows it. Pure. */
export function planFocusLines(focus: PlanFocus): string[] {
  const follows = [
    focus.stage ? `${focus.stage.label} (${focus.stage.months_as_customer} months as a customer)` : null,
    focus.strategy ? `${focus.strategy.segment}: ${focus.strategy.strategy} — ${focus.strategy.how}` : null,
  ].filter((x): x is string => x !== null);
  const lines = follows.length ? [`Follows: ${follows.join(' · ')}`] : [];
  lines.push(...focus.steps.map((s) => `  - ${s}`));
  if (focus.tier_transition) {
    const t = focus.tier_transition;
    lines.push(
      `CS tier moved down: ${t.from} → ${t.to} since ${t.since} (after a contraction). Transition plan:`,
    );
    lines.push(...t.steps.map((s) => `  - ${s}`));
  }
  return lines;
}
