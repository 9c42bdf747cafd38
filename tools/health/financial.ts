import { addDays } from '../../core/calendar.ts';
import type { HealthModel } from '../../knowledge/health-model.ts';
import type { AccountHealthData } from './account-health-data.ts';
import { describeChange, round1 } from './band-score.ts';
import { type DimensionScore, dimensionFrom, missingInput } from './health-types.ts';

const EXPANDING = 1.02;

/** Invoices due in the window that were late, failed, or are unpaid past the grace days. */
export function latePayments(data: AccountHealthData, model: HealthModel): number {
  const grace = model.late_payment_days;
  return data.invoices.filter((inv) => {
    if (inv.status === 'void' || inv.due_at > data.asOf) return false;
    if (inv.status === 'failed' || inv.status === 'late') return true;
    if (inv.paid_at) return inv.paid_at > addDays(inv.due_at, grace);
    return addDays(inv.due_at, grace) < data.asOf;
  }).length;
}

/**
 * Financial: late or failed payments → 0–3; paying on time → 4–6 (higher with steady or rising
 * MRR and expansion signals); expanding MRR with no late payments → 7–10.
 */
export function financial(data: AccountHealthData, model: HealthModel): DimensionScore {
  const first = data.mrr[0];
  const last = data.mrr.at(-1);
  if (data.invoices.length === 0 && !last)
    return dimensionFrom(
      [missingInput('payments', 'no invoices or revenue imported')],
      'no invoices or revenue imported',
    );
  const late = latePayments(data, model);
  const growth = first && last && first.cents > 0 ? last.cents / first.cents : null;
  const signals = data.expansionSignals90d;
  let score: number;
  const parts: string[] = [];
  if (late > 0) {
    score = round1(3 * Math.max(0, 1 - (late - 1) / 3));
    parts.push(`${late} invoice${late > 1 ? 's' : ''} late or failed in 180 days`);
  } else if (growth !== null && growth > EXPANDING) {
    score = round1(Math.min(10, 7 + 3 * Math.min(1, (growth - 1) / 0.5) + 0.5 * signals));
    parts.push('payments on time');
  } else {
    const steady = growth === null ? 0.5 : Math.max(0, Math.min(1, (growth - 0.8) / (EXPANDING - 0.8)));
    score = round1(Math.min(6, 4 + 2 * steady + 0.5 * signals));
    parts.push(data.invoices.length > 0 ? 'payments on time' : 'no invoices due in the last 180 days');
  }
  if (growth !== null && first && last) parts.push(`MRR ${describeChange(growth)} since ${first.month}`);
  if (signals > 0) parts.push(`${signals} expansion signal${signals > 1 ? 's' : ''} in 90 days`);
  return dimensionFrom(
    [
      {
        name: 'payments_and_mrr',
        value: growth === null ? null : round1(growth * 100) / 100,
        score,
        as_of: last ? `${last.month}` : null,
        detail: parts.join(', '),
      },
    ],
    parts.join(', '),
  );
}
