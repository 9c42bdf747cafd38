import { z } from 'zod';
import { type AlertRuleId, alertRules } from '../knowledge/alert-rules.ts';
import { type AlertHistoryEntry, alertHistory, type StoredAlert } from '../records/alerts.ts';
import { ALERT_STATES } from '../tools/alerts/alert-lifecycle.ts';
import type { CommandContext } from './context.ts';

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

const SEVERITY_MARK: Record<AlertRow['severity'], string> = {
  critical: '!!',
  high: '! ',
  medium: '· ',
  low: '  ',
};

/** One alert: the rule, the reason, the evidence with its dates, and the play. Pure. */
export function renderAlert(a: AlertRow): string {
  const state =
    a.state === 'snoozed'
      ? `snoozed ${a.snoozed_until_inputs_change ? 'until its inputs change' : `until ${a.snoozed_until}`}`
      : a.state === 'resolved'
        ? `resolved ${a.resolved_on}: ${a.resolution}`
        : a.state;
  return [
    `${SEVERITY_MARK[a.severity]} ${a.alert_id}  ${a.account} — ${a.rule_label} (${a.severity}, ${state}, since ${a.since})`,
    `     ${a.reason}`,
    ...a.evidence.map((e) => `     · ${e.input}: ${e.value}${e.as_of ? ` (${e.as_of})` : ''}`),
    `     play: ${a.play}${a.delivery === 'digest' ? ' · held for the digest (weekly DM budget)' : ''}`,
  ].join('\n');
}
