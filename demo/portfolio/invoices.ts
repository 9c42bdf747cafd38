import { addDays } from '../../core/calendar.ts';
import { add, type DemoContext, nextId } from './context.ts';
import { event } from './events.ts';
import type { AccountPlan } from './plan.ts';

/** Invoices for the MRR, some paid late and a few failing. */
export function emitInvoices(ctx: DemoContext, plan: AccountPlan): void {
  const { rng, asOf, MONTHS, months } = ctx;
  const failing = (plan.segment === 'smb' || plan.segment === 'self-serve') && rng.chance(0.05);
  plan.mrr.forEach((cents, m) => {
    if (cents === 0) return;
    const month = months[m] as string;
    const anniversary = Number(plan.contractStart.slice(5, 7)) === Number(month.slice(5, 7));
    if (plan.term !== 'monthly' && !anniversary && m !== 0) return;
    const due = `${month}-15`;
    const amount = plan.term === 'monthly' ? cents : cents * 12;
    const last = m === MONTHS - 1 || plan.mrr[m + 1] === 0;
    if (failing && last) {
      add(ctx, 'invoices', {
        invoice_id: nextId(ctx, 'INV'),
        account_id: plan.id,
        due_at: due,
        paid_at: null,
        amount_cents: amount,
        status: 'failed',
      });
      event(ctx, plan, addDays(due, 1), 'payment_failed');
      return;
    }
    const delay = plan.lateInvoices && rng.chance(0.5) ? rng.int(20, 45) : rng.int(-5, 8);
    const paid = addDays(due, delay);
    if (paid > asOf)
      add(ctx, 'invoices', {
        invoice_id: nextId(ctx, 'INV'),
        account_id: plan.id,
        due_at: due,
        paid_at: null,
        amount_cents: amount,
        status: due < asOf ? 'late' : 'open',
      });
    else
      add(ctx, 'invoices', {
        invoice_id: nextId(ctx, 'INV'),
        account_id: plan.id,
        due_at: due,
        paid_at: paid,
        amount_cents: amount,
        status: 'paid',
      });
  });
}
