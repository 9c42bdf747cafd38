import { z } from 'zod';
import { addDays } from '../../core/calendar.ts';
import { renewalsBetween } from '../../facts/alert-accounts.ts';
import { weeklyBudget } from '../../jobs/alert-delivery.ts';
import { type AlertRuleId, alertRules } from '../../knowledge/alert-rules.ts';
import {
  alertsChangedOn,
  dmsSent,
  heldForDigest,
  listAlerts,
  type StoredAlert,
} from '../../records/alerts.ts';
import { weekOf } from '../../tools/alerts/alert-budget.ts';
import { type DigestAlert, dailyDigest } from '../../tools/alerts/daily-digest.ts';
import { ALERTS_DEFINITION } from '../alert-rows.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { BookScopeFields, resolveBook } from '../book-scope.ts';
import { DailyDigestData, renderDailyDigest } from '../day-digest.ts';
import { defineCommand } from '../registry-types.ts';

export const DailyDigestArgs = z
  .object({ csm: BookScopeFields.csm, scope: BookScopeFields.scope, as_of: AsOfArg })
  .strict();

export { DailyDigestData };

const line = (a: StoredAlert): DigestAlert => ({
  alert_id: a.alert_id,
  account_name: a.account_name,
  rule_label: alertRules().rules[a.rule as AlertRuleId]?.label ?? a.rule,
  severity: a.severity,
  state: a.state,
  reason: a.reason,
});

export const dailyDigestCommand = defineCommand({
  intent: 'daily_digest',
  title: 'Daily digest',
  summary:
    "A CSM's morning digest: the alerts waiting on them, those held back from DMs by the weekly budget, what changed that day, and renewals in the week ahead (the book's current accounts)",
  examples: [],
  triggers: null,
  render: renderDailyDigest,
  account: 'none',
  access: { area: 'account_health', write: false, target: 'book' },
  args: DailyDigestArgs,
  result: DailyDigestData,
  async run(ctx, args) {
    const day = resolveAsOf(args.as_of, ctx.today);
    const book = await resolveBook(ctx, args);
    const [open, held, changed, renewals, sent] = await Promise.all([
      listAlerts(ctx.db, { keys: book.keys, states: ['new', 'open', 'escalated'] }),
      heldForDigest(ctx.db, book.keys),
      alertsChangedOn(ctx.db, day, book.keys),
      renewalsBetween(ctx.db, book.keys, day, addDays(day, 6)),
      dmsSent(ctx.db, weekOf(day), day),
    ]);
    const data = dailyDigest({
      day,
      open: open.map(line),
      heldBack: held.map(line),
      raisedToday: changed.filter((a) => a.raised_on === day).length,
      resolvedToday: changed.filter((a) => a.resolved_on === day).map(line),
      renewals: renewals.map((r) => ({ account_name: r.name, renewal_date: r.renewal_date })),
      budget: {
        sent_this_week: book.csm ? (sent.get(book.csm) ?? 0) : [...sent.values()].reduce((n, v) => n + v, 0),
        weekly_cap: weeklyBudget(book.csm ?? ''),
      },
    });
    return {
      data,
      asOf: day,
      definitions: {
        alerts: ALERTS_DEFINITION,
        book: "the accounts whose CSM is the reader now: an account's alerts follow it when it changes hands",
        renewals: 'active accounts renewing in the seven days from the digest day',
      },
    };
  },
});
