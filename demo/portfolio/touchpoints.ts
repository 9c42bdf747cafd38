import { addDays } from '../../core/calendar.ts';
import { add, type DemoContext, nextId, ts } from './context.ts';
import { type AccountPlan, idxOf } from './plan.ts';

/** Touchpoints on the segment's cadence, quieter for accounts drifting away. */
export function emitTouchpoints(ctx: DemoContext, plan: AccountPlan, churnDate: string | null): void {
  const { rng, asOf, MONTHS } = ctx;
  if (plan.segment === 'self-serve') return;
  const quiet = plan.archetype === 'at_risk' || plan.archetype === 'contracting' ? 60 : 0;
  const end = churnDate ?? addDays(asOf, -1 - quiet);
  const cadence: [string, number][] =
    plan.segment === 'enterprise'
      ? [
          ['call', 30],
          ['qbr', 91],
          ['exec_touch', 182],
        ]
      : plan.segment === 'mid-market'
        ? [
            ['call', 60],
            ['qbr', 182],
          ]
        : [['email', 91]];
  for (const [kind, every] of cadence) {
    for (
      let day = end;
      day >= plan.signupDate && day >= addDays(asOf, -Math.round(MONTHS * 30.42));
      day = addDays(day, -every)
    ) {
      const at = addDays(day, -rng.int(0, Math.min(10, every - 1)));
      if (at >= plan.signupDate && rng.chance(0.9))
        add(ctx, 'touchpoints', {
          touchpoint_id: nextId(ctx, 'TPT'),
          account_id: plan.id,
          at: ts(at, rng.int(9, 17)),
          kind: kind,
          by: plan.csm,
          contact_id: null,
          notes: null,
        });
    }
  }
  if (plan.archetype === 'onboarding' && idxOf(plan) !== 5)
    add(ctx, 'touchpoints', {
      touchpoint_id: nextId(ctx, 'TPT'),
      account_id: plan.id,
      at: ts(addDays(plan.signupDate, 7)),
      kind: 'meeting',
      by: plan.csm,
      contact_id: null,
      notes: null,
    });
}
