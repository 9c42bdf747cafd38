import { addDays, daysBetween } from '../../core/calendar.ts';
import { add, type DemoContext, nextId, ts } from './context.ts';
import { type AccountPlan, activeDay, healthOn, idxOf, SEGMENT_PROFILE } from './plan.ts';

/** Support tickets, more of them in weak months, resolved by severity. */
export function emitTickets(ctx: DemoContext, plan: AccountPlan): void {
  const { rng, vocab, asOf, MONTHS } = ctx;
  const rate = SEGMENT_PROFILE[plan.segment].ticketsPerMonth;
  const subjects = vocab.ticketSubjects;
  const troubled =
    plan.archetype === 'at_risk' || plan.archetype === 'churned' || plan.archetype === 'contracting';
  for (let day = MONTHS * 30 - 20; day > 0; day -= 30) {
    const recent = day <= 90;
    // A simulated course opens more tickets in its weak months; a scripted one in its last three.
    const weak = plan.health ? (healthOn(ctx, plan, addDays(asOf, -day)) ?? 1) < 0.45 : troubled && recent;
    const n = rng.poisson(rate * (weak ? 2.2 : 1));
    for (let k = 0; k < n; k++) {
      const opened = activeDay(ctx, plan, day, Math.max(1, day - 29));
      if (opened)
        ticket(
          ctx,
          plan,
          opened,
          rng.weighted(subjects.map((s) => [s, s[0] === 'p1' ? 1 : s[0] === 'p2' ? 3 : 6] as const)),
        );
    }
  }
  if (idxOf(plan) === 1) {
    // The at-risk featured account: a P1 and three P2s in the last month.
    const [p1] = subjects.filter((s) => s[0] === 'p1');
    const p2s = subjects.filter((s) => s[0] === 'p2');
    if (p1) ticket(ctx, plan, addDays(asOf, -12), p1);
    p2s.slice(0, 3).forEach((s, k) => {
      ticket(ctx, plan, addDays(asOf, -4 - 3 * k), s);
    });
  }
}

export function ticket(
  ctx: DemoContext,
  plan: AccountPlan,
  opened: string,
  [severity, subject]: readonly [string, string],
): void {
  const { rng, asOf } = ctx;
  const age = daysBetween(opened, asOf);
  const hoursToResolve =
    { p1: rng.int(2, 24), p2: rng.int(12, 72), p3: rng.int(24, 170), p4: rng.int(48, 340) }[severity] ?? 48;
  const resolved = age * 24 > hoursToResolve && rng.chance(0.95);
  const openedAt = ts(opened, rng.int(7, 20));
  const resolvedAt = resolved
    ? new Date(Date.parse(openedAt) + hoursToResolve * 3_600_000).toISOString()
    : null;
  const happy = plan.archetype === 'grower' || plan.archetype === 'stable';
  const csat = resolved && rng.chance(0.6) ? (happy ? rng.int(4, 5) : rng.int(1, 4)) : null;
  add(ctx, 'tickets', {
    ticket_id: nextId(ctx, 'TCK'),
    account_id: plan.id,
    opened_at: openedAt,
    severity: severity,
    status: resolved ? 'resolved' : 'open',
    resolved_at: resolvedAt,
    csat: csat,
    subject: subject,
    body: `${subject}. Reported by the customer's team.`,
  });
}
