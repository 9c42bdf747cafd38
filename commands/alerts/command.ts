import { z } from 'zod';
import { type AlertRuleId, alertRules } from '../../knowledge/alert-rules.ts';
import {
  type AlertHistoryEntry,
  alertHistory,
  alertsById,
  listAlerts,
  openAlertsByOwner,
  type StoredAlert,
} from '../../store/repositories/alerts.ts';
import { ALERT_STATES, type AlertState } from '../../tools/alerts/alert-lifecycle.ts';
import { BookScopeData, BookScopeFields, bookScopeData, resolveBook } from '../book-scope.ts';
import type { CommandContext } from '../context.ts';
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
    /** These alerts only (comma-separated on the CLI): each is checked against its account's book. */
    alert_ids: z
      .preprocess(
        (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()) : v),
        z.array(z.string().trim().min(1).max(40)).min(1).max(50),
      )
      .optional(),
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
  /** Owner moves (the account changed hands), oldest first. */
  history: z.array(
    z.object({ at: z.string(), from: z.string().nullable(), to: z.string().nullable(), by: z.string() }),
  ),
});
export type AlertRow = z.infer<typeof AlertRow>;

/** Open alerts per owner, by severity: what a leader's week counts (all of them, not a page). */
export const OwnerAlertCount = z.object({
  owner: z.string().nullable(),
  critical: z.number().int(),
  high: z.number().int(),
  other: z.number().int(),
  escalated: z.number().int(),
});
export type OwnerAlertCount = z.infer<typeof OwnerAlertCount>;

export const AlertsData = z.object({
  scope: BookScopeData,
  state: z.string(),
  alerts: z.array(AlertRow),
  /** The book's open alerts counted per owner (unowned: owner null), most critical first. */
  by_owner: z.array(OwnerAlertCount),
});
export type AlertsData = z.infer<typeof AlertsData>;

export const ALERTS_DEFINITION =
  'Early-warning alerts from the rules in knowledge/alerts/rules.json: raised when a rule starts to hold for an account, updated while it holds, resolved when it clears (docs/alerts.md)';

/** A stored alert as the answer shows it, with its owner moves. */
export function alertRow(a: StoredAlert, history: readonly AlertHistoryEntry[] = []): AlertRow {
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
    history: history
      .filter((h) => h.alert_id === a.alert_id)
      .map((h) => ({ at: h.at, from: h.from_owner, to: h.to_owner, by: h.by })),
  };
}

/** Stored alerts as the answer shows them, each with its history. */
export async function alertRows(
  ctx: Pick<CommandContext, 'db'>,
  alerts: readonly StoredAlert[],
): Promise<AlertRow[]> {
  const history = await alertHistory(
    ctx.db,
    alerts.map((a) => a.alert_id),
  );
  return alerts.map((a) => alertRow(a, history));
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
  // Named alerts are checked against each one's account (the scheduler asks this way as the
  // person a DM or an escalation goes to); otherwise the book the csm/scope args choose.
  access: (args) => ({
    area: 'account_health',
    write: false,
    target: args.alert_ids === undefined ? 'book' : 'alert',
  }),
  args: AlertsArgs,
  result: AlertsData,
  async run(ctx, args) {
    const book = await resolveBook(ctx, args);
    const states: readonly AlertState[] | null =
      args.state === 'all'
        ? null
        : args.state === 'open'
          ? ALERT_STATES.filter((s) => s !== 'resolved')
          : [args.state];
    const rows =
      args.alert_ids === undefined
        ? await listAlerts(ctx.db, { keys: book.keys, states, limit: args.limit })
        : (await alertsById(ctx.db, args.alert_ids)).filter(
            (a) => states === null || states.includes(a.state),
          );
    const byOwner = args.alert_ids === undefined ? await openAlertsByOwner(ctx.db, book.keys) : [];
    return {
      data: {
        scope: bookScopeData(book),
        state: args.state,
        alerts: await alertRows(ctx, rows),
        by_owner: byOwner,
      },
      asOf: ctx.today,
      definitions: { alerts: ALERTS_DEFINITION },
    };
  },
});
