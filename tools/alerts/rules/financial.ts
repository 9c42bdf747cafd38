import { z } from 'zod';
import { addDays } from '../../../core/calendar.ts';
import { day, defineAlertRule, ev } from '../alert-rule.ts';

/** A failed payment in the window, or an invoice unpaid past its due date plus grace. */
export const paymentIssue = defineAlertRule({
  id: 'payment_issue',
  needs: [],
  params: z
    .object({
      payment_failed_window_days: z.number().int().positive().default(30),
      overdue_grace_days: z.number().int().min(0).default(7),
    })
    .strict(),
  check(inputs, params) {
    const from = addDays(inputs.day, -(params.payment_failed_window_days - 1));
    const failed = inputs.risk.events.filter((e) => e.type === 'payment_failed' && day(e.at) >= from);
    const overdueBy = addDays(inputs.day, -params.overdue_grace_days);
    const overdue = inputs.risk.invoices.filter(
      (i) =>
        i.due_at <= overdueBy && (i.paid_at === null || day(i.paid_at) > inputs.day) && i.status !== 'void',
    );
    if (failed.length === 0 && overdue.length === 0) return [];
    const evidence = [
      ...failed.map((e) => ev('payment failed', e.details ?? 'payment failed', day(e.at))),
      ...overdue.map((i) => ev('invoice overdue', `due ${day(i.due_at)}, unpaid`, day(i.due_at))),
    ];
    const parts = [
      failed.length > 0
        ? `${failed.length} failed payment${failed.length > 1 ? 's' : ''} since ${from}`
        : null,
      overdue.length > 0 ? `${overdue.length} invoice${overdue.length > 1 ? 's' : ''} unpaid past due` : null,
    ].filter(Boolean);
    const dates = evidence.map((e) => e.as_of ?? '').sort();
    return [
      {
        reason_key: '',
        reason: `${parts.join(' and ')}: check the billing contact before it becomes involuntary churn.`,
        evidence,
        inputs_key: dates.join(','),
        since: dates[0] ?? inputs.day,
      },
    ];
  },
});

export const FINANCIAL_RULES = [paymentIssue];
