import { addMonths, monthOf, monthsBetween } from '../../core/calendar.ts';
import type { LifecyclePlaybook, PlanKind } from '../../knowledge/lifecycle-playbook.ts';
import { annualised } from '../portfolio/account-arr.ts';

/** Which stage and strategy a plan follows, the steps they add, and any move to a lower CS tier. */
export interface PlanFocus {
  stage: { id: string; label: string; focus: string; months_as_customer: number } | null;
  strategy: { segment: string; strategy: string; how: string } | null;
  /** The steps the stage and the segment add to this kind of plan, stage first. */
  steps: string[];
  cs_tier: { current: string; label: string } | null;
  /** A move to a lower CS tier after a contraction, with its transition plan. */
  tier_transition: { from: string; to: string; since: string; steps: string[] } | null;
}

type Segment = keyof LifecyclePlaybook['segments'];

/** The lifecycle stage on a day: the last whose first month the whole months since the contract start reach. Pure. */
export function lifecycleStageOf(
  contractStart: string | null,
  asOf: string,
  playbook: LifecyclePlaybook,
): { stage: LifecyclePlaybook['stages'][number] | undefined; months: number | null } {
  const months = contractStart && contractStart <= asOf ? monthsBetween(contractStart, asOf) : null;
  const stage =
    months === null ? undefined : [...playbook.stages].reverse().find((s) => months >= s.from_month);
  return { stage, months };
}

/** The CS tier an ARR (in cents, as every ARR is held) earns; the playbook's minimums are in dollars. */
export function csTier(arrCents: number, playbook: LifecyclePlaybook): LifecyclePlaybook['cs_tiers'][number] {
  return (
    playbook.cs_tiers.find((t) => arrCents >= t.min_arr * 100) ??
    (playbook.cs_tiers.at(-1) as LifecyclePlaybook['cs_tiers'][number])
  );
}

/**
 * The stage from whole months since the contract start; the strategy from the segment; the CS
 * tier from the account's ARR (facts/arr), and a transition when the highest tier its month-end
 * MRR × 12 reached over the lookback was higher (the month it dropped is `since`). Pure.
 */
export function planFocus(
  input: {
    contractStart: string | null;
    segment: string | null;
    /** The account's ARR on the day in cents (facts/arr); null when it has neither revenue nor a declared ARR. */
    arrCents: number | null;
    /** Month-end MRR in cents, oldest first ('YYYY-MM'). */
    mrr: readonly { month: string; cents: number }[];
    asOf: string;
  },
  kind: PlanKind,
  playbook: LifecyclePlaybook,
): PlanFocus {
  const { stage, months } = lifecycleStageOf(input.contractStart, input.asOf, playbook);
  const segment = input.segment && input.segment in playbook.segments ? (input.segment as Segment) : null;
  const strategy = segment ? playbook.segments[segment] : null;
  const known = input.mrr.filter((m) => m.month <= monthOf(input.asOf));
  const tierOf = (mrrCents: number) => csTier(annualised(mrrCents), playbook);
  const current = input.arrCents === null ? null : csTier(input.arrCents, playbook);
  const from = addMonths(monthOf(input.asOf), -playbook.tier_transition.lookback_months);
  const rank = (id: string) => playbook.cs_tiers.findIndex((t) => t.id === id);
  let transition: PlanFocus['tier_transition'] = null;
  if (current) {
    const recent = known.filter((m) => m.month >= from && m.cents > 0);
    const highest = recent.reduce<{ tier: string; month: string } | null>((best, m) => {
      const tier = tierOf(m.cents).id;
      return !best || rank(tier) < rank(best.tier) ? { tier, month: m.month } : best;
    }, null);
    if (highest && rank(highest.tier) < rank(current.id) && (input.arrCents ?? 0) > 0) {
      const dropped = recent.find(
        (m) => m.month > highest.month && rank(tierOf(m.cents).id) > rank(highest.tier),
      );
      transition = {
        from: highest.tier,
        to: current.id,
        since: dropped?.month ?? known.at(-1)?.month ?? monthOf(input.asOf),
        steps: playbook.tier_transition.steps,
      };
    }
  }
  return {
    stage:
      stage && months !== null
        ? { id: stage.id, label: stage.label, focus: stage.focus, months_as_customer: months }
        : null,
    strategy: segment && strategy ? { segment, strategy: strategy.strategy, how: strategy.how } : null,
    steps: [...(stage?.steps[kind] ?? []), ...(strategy?.steps ?? [])],
    cs_tier: current ? { current: current.id, label: current.label } : null,
    tier_transition: transition,
  };
}
