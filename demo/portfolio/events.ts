import { addDays } from '../../core/calendar.ts';
import { add, type DemoContext, nextId, pad, ts } from './context.ts';
import { type AccountPlan, idxOf, isActive } from './plan.ts';

/** Leading-indicator and expansion-signal events, from the account's course. */
export function event(ctx: DemoContext, plan: AccountPlan, date: string, type: string) {
  const { rng, vocab, asOf } = ctx;
  if (date > asOf) return;
  add(ctx, 'events', {
    event_id: nextId(ctx, 'EVT'),
    account_id: plan.id,
    at: ts(date, rng.int(8, 18)),
    type: type,
    details: vocab.eventDetails[type] ?? null,
  });
}

export function emitEvents(ctx: DemoContext, plan: AccountPlan, championLeftAt: string | null): void {
  const { rng, asOf, months } = ctx;
  if (championLeftAt) event(ctx, plan, championLeftAt, 'champion_left');
  const risk = ['competitor_eval', 'data_export', 'billing_page_visit', 'seats_removed'];
  const signals = ['usage_limit_hit', 'higher_tier_request', 'new_team_interest', 'api_access_request'];
  if (plan.health) {
    // Risk signals come from weak months (often, not always), and now and then from nowhere.
    plan.health.forEach((h, m) => {
      const day = `${months[m]}-${pad(rng.int(1, 28), 2)}`;
      if (!isActive(ctx, plan, day)) return;
      if ((h < 0.42 && rng.chance(0.35)) || rng.chance(0.01)) event(ctx, plan, day, rng.pick(risk));
    });
  } else if (plan.churnIdx !== null) {
    const churnStart = `${months[plan.churnIdx]}-01`;
    for (let k = rng.int(2, 4); k > 0; k--)
      event(ctx, plan, addDays(churnStart, -rng.int(5, 90)), rng.pick(risk));
  }
  if (plan.archetype === 'at_risk' && !plan.health) {
    const n = idxOf(plan) === 1 ? 3 : rng.int(1, 3);
    for (let k = 0; k < n; k++)
      event(
        ctx,
        plan,
        addDays(asOf, -rng.int(3, 60)),
        idxOf(plan) === 1 ? (risk[k] as string) : rng.pick(risk),
      );
  }
  for (const m of plan.contractionIdx)
    event(ctx, plan, addDays(`${months[m]}-01`, -rng.int(1, 20)), 'seats_removed');
  for (const m of plan.expansionIdx) {
    for (let k = rng.int(1, 2); k > 0; k--)
      event(ctx, plan, addDays(`${months[m]}-01`, -rng.int(10, 55)), rng.pick(signals));
  }
  if (plan.archetype === 'grower' && (idxOf(plan) === 0 || rng.chance(0.5))) {
    event(
      ctx,
      plan,
      addDays(asOf, -rng.int(3, 40)),
      idxOf(plan) === 0 ? 'usage_limit_hit' : rng.pick(signals),
    );
    if (idxOf(plan) === 0) event(ctx, plan, addDays(asOf, -rng.int(3, 20)), 'new_team_interest');
    if (rng.chance(0.2)) event(ctx, plan, addDays(asOf, -rng.int(10, 200)), 'funding_round');
  }
  if ((plan.archetype === 'stable' || plan.archetype === 'grower') && rng.chance(0.03))
    event(ctx, plan, addDays(asOf, -rng.int(10, 300)), 'champion_promoted');
  if (plan.archetype === 'onboarding') {
    if (idxOf(plan) === 5 || rng.chance(0.4))
      event(ctx, plan, addDays(plan.signupDate, 5), 'kickoff_delayed');
    if (idxOf(plan) === 5 || rng.chance(0.25))
      event(ctx, plan, addDays(plan.signupDate, rng.int(8, 20)), 'integration_failed');
  }
}
