import { z } from 'zod';
import { getAccount } from '../facts/accounts.ts';
import { arrOn } from '../facts/arr.ts';
import { revenueForAccount } from '../facts/revenue.ts';
import { lifecyclePlaybook, type PlanKind } from '../knowledge/lifecycle-playbook.ts';
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

/** How the focus is read, in words, from the playbook itself (its stages, tiers and lookback). */
export function planFocusDefinition(playbook = lifecyclePlaybook()): string {
  // A stage's label names it before its colon ('Year 2: optimisation, …').
  const stages = playbook.stages.map((s) => `${s.label.split(':')[0]} from month ${s.from_month}`).join(', ');
  const tiers = playbook.cs_tiers
    .map((t) => (t.min_arr > 0 ? `${t.name} ≥ $${t.min_arr.toLocaleString('en-US')}` : `else ${t.name}`))
    .join(', ');
  return `stage from whole months since contract start (${stages}); strategy from the segment; CS tier from the account's ARR (${tiers}), with a transition plan when the highest tier of the last ${playbook.tier_transition.lookback_months} months was higher (knowledge/plans/lifecycle.json, ${playbook.version})`;
}

/** The focus of one kind of plan for an account as of a day. */
export async function accountPlanFocus(
  ctx: Pick<CommandContext, 'db'>,
  accountId: string,
  asOf: string,
  kind: PlanKind,
): Promise<PlanFocus> {
  const [row, revenue, arr] = await Promise.all([
    getAccount(ctx.db, accountId),
    revenueForAccount(ctx.db, accountId),
    arrOn(ctx.db, asOf, [accountId]),
  ]);
  const current = arr.get(accountId);
  return planFocus(
    {
      contractStart: row?.contract_start ?? null,
      segment: row?.segment ?? null,
      arrCents: current && current.source !== 'none' ? current.arrCents : null,
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
