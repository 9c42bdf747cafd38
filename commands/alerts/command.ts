import { z } from 'zod';
import { type AlertRuleId, alertRules } from '../../knowledge/alert-rules.ts';
import { listAlerts, type StoredAlert } from '../../store/repositories/alerts.ts';
import { ALERT_STATES } from '../../tools/alerts/alert-lifecycle.ts';
import { BookScopeData, BookScopeFields, bookScopeData, resolveBook } from '../book-scope.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderAlerts } from './render.ts';

export const AlertsArgs = z
  .object({
    csm: BookScopeFields.csm,
    scope: BookScopeFields.scope,
    /** `open` (default): everything not resolved; `all`; or one state. */
    state: z.enum(['open', 'all', ...ALERT_STATES]).default('open'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

/** One alert as DESIGN §11 prints it, plus what acts on it. */
export const AlertRow = z.object({
  alert_id: z.string(),
  rule: z.string(),
  rule_label: z.string(),
  account_id: z.string(),
  account: z.string(),
  owner: z.string().nullable(),
  severity: z.enum(['critical', 'high', 'medium', 'low']),
  state: z.enum(ALERT_STATES),
  reason: z.string(),
  evidence: z.array(z.object({ input: z.string(), value: z.string(), as_of: z.string().nullable() })),
  since: z.string(),
  raised_on: z.string(),
  resolved_on: z.string().nullable(),
  resolution: z.string().nullable(),
  snoozed_until: z.string().nullable(),
  snoozed_until_inputs_change: z.boolean(),
  delivery: z.enum(['pending', 'dm', 'digest']),
  /** The command that acts on it (its intent), and the line that runs it. */
  playbook: z.string(),
  play: z.string(),
});
export type AlertRow = z.infer<typeof AlertRow>;

export const AlertsData = z.object({
  scope: BookScopeData,
  state: z.string(),
  alerts: z.array(AlertRow),
});
export type AlertsData = z.infer<typeof AlertsData>;

export const ALERTS_DEFINITION =
  'Early-warning alerts from the rules in knowledge/alerts/rules.json: raised when a rule starts to hold for an account, updated while it holds, resolved when it clears (docs/alerts.md)';

/** A stored alert as the answer shows it. */
export function alertRow(a: StoredAlert): AlertRow {
  const rule = alertRules().rules[a.rule as AlertRuleId];
  return {
    alert_id: a.alert_id,
    rule: a.rule,
    rule_label: rule?.label ?? a.rule,
    account_id: a.account_id,
    account: a.account_name,
    owner: a.owner,
    severity: a.severity,
    state: a.state,
    reason: a.reason,
    evidence: a.evidence,
    since: a.since,
    raised_on: a.raised_on,
    resolved_on: a.resolved_on,
    resolution: a.resolution,
    snoozed_until: a.snoozed_until,
    snoozed_until_inputs_change: a.state === 'snoozed' && a.snooze_inputs !== null,
    delivery: a.delivery,
    playbook: rule?.command ?? 'churn_risk',
    play: `cse run ${rule?.command ?? 'churn_risk'} --account "${a.account_name.replaceAll('"', '\\"')}"${rule?.email_kind ? ` --kind ${rule.email_kind}` : ''}`,
  };
}

export const alerts = defineCommand({
  intent: 'alerts',
  title: 'Alerts',
  summary:
    'Early-warning alerts on a book: what fired, for which account, why (the inputs with their dates), and the play that acts on it',
  examples: ['my alerts', 'open alerts', 'alerts for my book'],
  triggers: {
    kind: 'book',
    exact: [/^(?:alerts|my alerts|open alerts|show (?:my )?alerts|any alerts\??|warnings|my warnings)$/],
    patterns: strong(
      /\b(?:my|open|new|active|todays?|today'?s|today s|unacknowledged|the|any) (?:early[- ]warning )?alerts\b/,
      /\b(?:show|list|give)(?: me)? alerts\b/,
      /\balerts? (?:for|on|in) (?:my|the) (?:book|accounts|team|portfolio)\b/,
      /\bearly[- ]warnings?\b/,
    ),
  },
  render: renderAlerts,
  account: 'none',
  access: { area: 'account_health', write: false, target: 'book' },
  args: AlertsArgs,
  result: AlertsData,
  async run(ctx, args) {
    const book = await resolveBook(ctx, args);
    const states =
      args.state === 'all'
        ? null
        : args.state === 'open'
          ? ALERT_STATES.filter((s) => s !== 'resolved')
          : [args.state];
    const rows = await listAlerts(ctx.db, {
      keys: book.keys === null ? null : [...book.keys, ...(book.csm ? [book.csm] : [])],
      states,
      limit: args.limit,
    });
    return {
      data: { scope: bookScopeData(book), state: args.state, alerts: rows.map(alertRow) },
      asOf: ctx.today,
      definitions: { alerts: ALERTS_DEFINITION },
    };
  },
});
