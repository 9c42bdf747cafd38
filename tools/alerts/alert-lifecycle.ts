import type { AlertCondition } from './alert-types.ts';

export const ALERT_STATES = ['new', 'open', 'acknowledged', 'snoozed', 'escalated', 'resolved'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/** What the lifecycle needs of a stored, unresolved alert. */
export interface LiveAlert {
  alert_id: string;
  account_id: string;
  rule: string;
  reason_key: string;
  state: Exclude<AlertState, 'resolved'>;
  severity: string;
  reason: string;
  inputs_key: string;
  snoozed_until: string | null;
  /** The inputs when it was snoozed "until the inputs change"; null for a snooze until a date. */
  snooze_inputs: string | null;
}

export type AlertTransition =
  /** A condition with no live alert: a new alert, to deliver. */
  | { kind: 'raise'; condition: AlertCondition }
  /** The live alert's evidence or severity changed: stored, not delivered again. */
  | { kind: 'update'; alert: LiveAlert; condition: AlertCondition }
  /** A snoozed alert whose date came or whose inputs changed: open again and delivered. */
  | { kind: 'wake'; alert: LiveAlert; condition: AlertCondition; why: string }
  /** The condition cleared (or the account left): resolved, saying why. */
  | { kind: 'resolve'; alert: LiveAlert; why: string };

export const identityOf = (a: { account_id: string; rule: string; reason_key: string }) =>
  `${a.account_id}\u0000${a.rule}\u0000${a.reason_key}`;

/**
 * One day's transitions for a set of evaluated accounts: fire on a transition only, update a
 * live alert instead of repeating it, wake a snooze whose date came or whose inputs changed,
 * resolve what no longer holds. Pure: `live` are the unresolved alerts of those accounts.
 */
export function alertTransitions(
  day: string,
  conditions: readonly AlertCondition[],
  live: readonly LiveAlert[],
  labelOf: (rule: string) => string,
): AlertTransition[] {
  const byIdentity = new Map(live.map((a) => [identityOf(a), a]));
  const held = new Set<string>();
  const out: AlertTransition[] = [];
  for (const condition of conditions) {
    const key = identityOf(condition);
    if (held.has(key)) continue;
    held.add(key);
    const alert = byIdentity.get(key);
    if (!alert) {
      out.push({ kind: 'raise', condition });
      continue;
    }
    if (alert.state === 'snoozed') {
      if (alert.snooze_inputs !== null && alert.snooze_inputs !== condition.inputs_key) {
        out.push({ kind: 'wake', alert, condition, why: 'its inputs changed since it was snoozed' });
        continue;
      }
      if (alert.snooze_inputs === null && alert.snoozed_until !== null && alert.snoozed_until <= day) {
        out.push({ kind: 'wake', alert, condition, why: `the snooze ended on ${alert.snoozed_until}` });
        continue;
      }
    }
    const changed =
      alert.reason !== condition.reason ||
      alert.severity !== condition.severity ||
      (alert.state !== 'snoozed' && alert.inputs_key !== condition.inputs_key);
    if (changed) out.push({ kind: 'update', alert, condition });
  }
  for (const alert of live)
    if (!held.has(identityOf(alert)))
      out.push({ kind: 'resolve', alert, why: `${labelOf(alert.rule)}: no longer true on ${day}` });
  return out;
}
