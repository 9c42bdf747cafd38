import { addDays } from '../../core/calendar.ts';
import { add, type DemoContext, nextId } from './context.ts';
import { type AccountPlan, FEATURED, idxOf } from './plan.ts';

/** Success-plan goals, their status following the account's story. */
export function emitGoals(ctx: DemoContext, plan: AccountPlan): void {
  const { rng, vocab, asOf } = ctx;
  const assisted = plan.segment === 'enterprise' || plan.segment === 'mid-market';
  const count =
    idxOf(plan) === 3
      ? 0
      : assisted
        ? rng.chance(0.8) || idxOf(plan) < FEATURED.length
          ? rng.int(2, 4)
          : 0
        : plan.segment === 'smb' && rng.chance(0.25)
          ? 1
          : 0;
  const statusFor = (): string => {
    switch (plan.archetype) {
      case 'grower':
        return rng.weighted([
          ['achieved', 6],
          ['in_progress', 4],
        ]);
      case 'stable':
        return rng.weighted([
          ['achieved', 3],
          ['in_progress', 6],
          ['not_started', 1],
        ]);
      case 'onboarding':
        return rng.weighted([
          ['not_started', 6],
          ['in_progress', 4],
        ]);
      case 'churned':
        return rng.weighted([
          ['missed', 7],
          ['in_progress', 3],
        ]);
      default:
        return rng.weighted([
          ['missed', 4],
          ['in_progress', 5],
          ['achieved', 1],
        ]);
    }
  };
  const templates = [...vocab.goalTemplates];
  for (let k = 0; k < count && templates.length > 0; k++) {
    const [objective, metric, baseline, target] = templates.splice(
      rng.int(0, templates.length - 1),
      1,
    )[0] as [string, string, number, number];
    add(ctx, 'goals', {
      goal_id: nextId(ctx, 'GOL'),
      account_id: plan.id,
      objective: objective,
      metric: metric,
      baseline: baseline,
      target: target,
      due: addDays(asOf, rng.int(-150, 200)),
      status: statusFor(),
    });
  }
}
