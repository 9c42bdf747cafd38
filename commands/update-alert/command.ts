import { z } from 'zod';
import { addDays, isCalendarDate } from '../../core/calendar.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { alertDelivery } from '../../knowledge/alert-rules.ts';
import { findAlert, updateAlertByPerson } from '../../records/alerts.ts';
import { ALERTS_DEFINITION, AlertRow, alertRow } from '../alert-rows.ts';
import { defineCommand } from '../registry-types.ts';
import { renderUpdateAlert } from './render.ts';

export const UpdateAlertArgs = z
  .object({
    alert_id: z.string().regex(/^AL-\d+$/, 'must be an alert id like AL-000012'),
    action: z.enum(['acknowledge', 'snooze', 'not_useful', 'playbook_opened']),
    /** Snooze: a day ('YYYY-MM-DD'), a number of days, or 'inputs' (until the inputs change). */
    until: z.string().optional(),
    /** Not useful: a reason code from knowledge/alerts/delivery.json. */
    reason: z.string().optional(),
  })
  .strict();

export const UpdateAlertData = z.object({
  action: z.string(),
  /** False when the alert was already resolved: nothing changed. */
  changed: z.boolean(),
  alert: AlertRow,
});
export type UpdateAlertData = z.infer<typeof UpdateAlertData>;

function snoozeOf(
  until: string | undefined,
  today: string,
): { until: string | null; untilInputsChange: boolean } {
  if (until === 'inputs') return { until: null, untilInputsChange: true };
  if (until && /^\d+$/.test(until) && Number(until) >= 1 && Number(until) <= 365)
    return { until: addDays(today, Number(until)), untilInputsChange: false };
  if (until && isCalendarDate(until) && until > today) return { until, untilInputsChange: false };
  throw new CseError(
    ErrorCode.BadInput,
    `snooze needs --until: a future date, a number of days (1–365) or 'inputs'`,
    {
      hint: 'e.g. --until 2026-12-15, --until 7, or --until inputs (quiet until what it fired on changes)',
    },
  );
}

/** A person's answer to an alert: Acknowledge, Snooze, Not useful, or Open playbook (recorded). */
export const updateAlert = defineCommand({
  intent: 'update_alert',
  title: 'Update an alert',
  summary: 'Acknowledges, snoozes (until a date or until its inputs change) or marks an alert not useful',
  examples: [],
  triggers: null,
  render: renderUpdateAlert,
  account: 'none',
  access: { area: 'account_health', write: true, target: 'alert' },
  args: UpdateAlertArgs,
  result: UpdateAlertData,
  async run(ctx, args) {
    const reasons = alertDelivery().not_useful_reasons;
    if (args.action === 'not_useful' && !(args.reason && args.reason in reasons))
      throw new CseError(
        ErrorCode.BadInput,
        `not useful needs a reason: one of ${Object.keys(reasons).join(', ')}`,
        {
          hint: 'The reasons are in knowledge/alerts/delivery.json',
        },
      );
    const change =
      args.action === 'snooze'
        ? { kind: 'snooze' as const, ...snoozeOf(args.until, ctx.today) }
        : args.action === 'not_useful'
          ? { kind: 'not_useful' as const, reason: args.reason as string }
          : { kind: args.action };
    const changed = await updateAlertByPerson(ctx.db, args.alert_id, change, ctx.now);
    const alert = await findAlert(ctx.db, args.alert_id);
    if (!alert)
      throw new CseError(ErrorCode.NotFound, `No alert ${args.alert_id}`, { hint: 'cse alerts lists them' });
    return {
      data: { action: args.action, changed, alert: alertRow(alert) },
      asOf: ctx.today,
      definitions: { alerts: ALERTS_DEFINITION },
    };
  },
});
