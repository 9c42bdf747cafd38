import { addDays, monthEnd } from '../../core/calendar.ts';
import { emitContacts } from './contacts.ts';
import { add, type DemoContext } from './context.ts';
import { emitEvents } from './events.ts';
import { emitFeedback } from './feedback.ts';
import { emitGoals } from './goals.ts';
import { emitInvoices } from './invoices.ts';
import {
  type AccountPlan,
  adoption,
  FEATURED,
  FEATURES_TOTAL,
  isActive,
  renewalDateOf,
  SEGMENT_PROFILE,
} from './plan.ts';
import { emitTickets } from './tickets.ts';
import { emitTouchpoints } from './touchpoints.ts';

/** An account's row, its month-end MRR and its weekly usage; then everything else about it. */
export function emitAccount(ctx: DemoContext, plan: AccountPlan): void {
  const { rng, vocab, asOf, MONTHS, WEEKS, months } = ctx;
  const idx = Number(plan.id.slice(4)) - 1;
  const featured = idx < vocab.featuredAccounts.length ? FEATURED[idx] : undefined;
  const churned = plan.churnIdx !== null && plan.returnIdx === null;
  const lastMrr = plan.mrr[MONTHS - 1] ?? 0;
  const churnDate = churned ? monthEnd(months[(plan.churnIdx as number) - 1] as string) : null;
  const renewal = renewalDateOf(ctx, plan, featured);
  const seats = plan.seats;
  // Declared ARR is what the contract says; the portfolio uses revenue rows where they exist.
  const arrDeclared = (lastMrr > 0 ? lastMrr : Math.max(plan.baseMrr, ...plan.mrr)) * 12;
  add(ctx, 'accounts', {
    account_id: plan.id,
    name: plan.name,
    domain: plan.domain,
    segment: plan.segment,
    industry: plan.industry,
    csm: plan.csm,
    plan: SEGMENT_PROFILE[plan.segment].plan,
    arr_cents: arrDeclared,
    seats_purchased: seats,
    contract_start: plan.contractStart,
    renewal_date: renewal,
    contract_term: plan.term,
    status: churned ? 'churned' : 'active',
    churned_at: churnDate,
    churn_reason: churned ? (featured ? 'competitor' : rng.pick(vocab.churnReasons)) : null,
    seasonal_months: plan.seasonal,
  });
  plan.mrr.forEach((cents, m) => {
    if (cents > 0) add(ctx, 'revenue', { account_id: plan.id, month: `${months[m]}-01`, mrr_cents: cents });
  });

  // Weekly usage, ending yesterday.
  let activeSince = -1;
  for (let w = 0; w < WEEKS; w++) {
    const date = addDays(asOf, -7 * (WEEKS - 1 - w) - 1);
    if (!isActive(ctx, plan, date)) continue;
    if (activeSince < 0) activeSince = w;
    const a = adoption(ctx, plan, date, w, activeSince);
    const mau = Math.max(1, Math.round(seats * a));
    const wau = Math.round(mau * (0.55 + 0.3 * a));
    const dau = Math.round(mau * (0.08 + 0.5 * a));
    add(ctx, 'usage', {
      account_id: plan.id,
      date: date,
      dau: dau,
      wau: wau,
      mau: mau,
      seats_active: mau,
      core_actions: Math.round(wau * 12 * a * rng.jitter(0.1)),
      features_used: Math.min(FEATURES_TOTAL, Math.round(3 + 15 * a)),
      features_total: FEATURES_TOTAL,
    });
  }

  const contacts = emitContacts(ctx, plan, churned);
  emitEvents(ctx, plan, contacts.championLeftAt);
  emitTickets(ctx, plan);
  emitTouchpoints(ctx, plan, churnDate);
  emitGoals(ctx, plan);
  emitInvoices(ctx, plan);
  emitFeedback(ctx, plan, contacts.names);
}
