import { addDays } from '../../core/calendar.ts';
import { add, type DemoContext, nextId, pad, person } from './context.ts';
import { type AccountPlan, FEATURED, healthOn, idxOf } from './plan.ts';

/** An account's contacts: a champion (who may leave), an exec sponsor, leads, admins and users. */
export function emitContacts(
  ctx: DemoContext,
  plan: AccountPlan,
  churned: boolean,
): { championLeftAt: string | null; names: string[] } {
  const { rng, vocab, asOf, months } = ctx;
  const healthy = plan.health
    ? (healthOn(ctx, plan, addDays(asOf, -1)) ?? 0) > 0.5
    : plan.archetype === 'grower' || plan.archetype === 'stable';
  // Nobody at a customer that left was engaged after it left.
  const lastDay = churned ? `${months[plan.churnIdx as number]}-01` : asOf;
  const engaged = () => addDays(lastDay, -(healthy ? rng.int(2, 30) : rng.int(45, 160)));
  const roles: string[] = [];
  const hasChampion = idxOf(plan) < FEATURED.length || !(rng.chance(0.08) && plan.archetype !== 'grower');
  if (hasChampion) roles.push('champion');
  const sponsorChance = { enterprise: 0.85, 'mid-market': 0.6, smb: 0.2, 'self-serve': 0 }[plan.segment];
  if (rng.chance(sponsorChance) || (idxOf(plan) < 4 && plan.segment !== 'self-serve'))
    roles.push('exec_sponsor');
  if (plan.segment === 'enterprise' || plan.segment === 'mid-market') roles.push('technical_lead');
  roles.push('admin');
  const users = plan.segment === 'enterprise' ? rng.int(2, 4) : rng.int(0, 2);
  for (let k = 0; k < users; k++) roles.push('user');
  let championLeftAt: string | null = null;
  const departs = plan.health
    ? plan.championLeftIdx !== null
    : idxOf(plan) === 1 ||
      (idxOf(plan) >= FEATURED.length &&
        rng.chance(plan.archetype === 'at_risk' ? 0.45 : churned ? 0.5 : 0.04));
  const names: string[] = [];
  for (const role of roles) {
    const name = person(ctx);
    names.push(name);
    let leftAt: string | null = null;
    if (role === 'champion' && departs) {
      leftAt =
        idxOf(plan) === 1
          ? addDays(asOf, -21)
          : plan.championLeftIdx !== null
            ? ([
                `${months[plan.championLeftIdx]}-${pad(rng.int(1, 28), 2)}`,
                addDays(asOf, -2),
              ].sort()[0] as string)
            : churned
              ? addDays(`${months[plan.churnIdx as number]}-01`, -rng.int(30, 80))
              : addDays(asOf, -rng.int(10, 120));
      championLeftAt = leftAt;
    }
    add(ctx, 'contacts', {
      contact_id: nextId(ctx, 'CON'),
      account_id: plan.id,
      name: name,
      title: rng.pick(vocab.titles[role as keyof typeof vocab.titles] ?? ['Manager']),
      email: `${name.toLowerCase().replace(' ', '.')}@${plan.domain}`,
      role: role,
      last_engaged_at: leftAt ? addDays(leftAt, -rng.int(5, 40)) : engaged(),
      left_at: leftAt,
    });
  }
  return { championLeftAt, names };
}
