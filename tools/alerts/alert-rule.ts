import type { z } from 'zod';
import type { AlertRule, AlertSeverity } from '../../knowledge/alert-rules.ts';
import type { EngagementLevels } from '../../knowledge/engagement-levels.ts';
import type { LifecyclePlaybook } from '../../knowledge/lifecycle-playbook.ts';
import type { RenewalPlaybook } from '../../knowledge/renewal-playbook.ts';
import type { SupportTickets } from '../../knowledge/support-tickets.ts';
import type { NpsBands } from '../feedback/nps.ts';
import { isAtRisk } from '../portfolio/health-tiers.ts';
import { type AlertCondition, type AlertEvidence, type AlertInputs, isScored } from './alert-types.ts';

/**
 * What a rule reads beyond the account, its risk data and its leading indicators (always there):
 * the day's snapshot and the history before it, the engagement level now and a window before, the
 * severe tickets open on the day, the customers' unanswered questions in linked channels. An input
 * no enabled rule needs is not loaded.
 */
export const ALERT_NEEDS = ['snapshots', 'engagement', 'severe_tickets', 'unanswered'] as const;
export type AlertNeed = (typeof ALERT_NEEDS)[number];

/** The playbooks and settings rules read beside their own parameters. */
export interface RuleContext {
  renewal: RenewalPlaybook;
  lifecycle: LifecyclePlaybook;
  engagement: EngagementLevels;
  nps: NpsBands;
  tickets: SupportTickets;
  /** Hours our team has to answer a customer's question in a linked channel, by segment (and `default`). */
  responseSlaHours: Readonly<Record<string, number>>;
}

/** One would-be alert a rule returns; the rule's id and default severity are added for it. */
export type Hit = Omit<AlertCondition, 'account_id' | 'rule' | 'severity'> & { severity?: AlertSeverity };

/**
 * An alert rule in one place: its id (the key of its entry in knowledge/alerts/rules.json, which
 * holds its label, severity, playbook and parameter values), the inputs it needs, its parameters
 * with their defaults, and its condition with the words of its reason and evidence. Pure.
 */
export interface AlertRuleDeclaration<P extends z.ZodType = z.ZodType> {
  id: string;
  needs: readonly AlertNeed[];
  params: P;
  check(inputs: AlertInputs, params: z.output<P>, rule: AlertRule, ctx: RuleContext): Hit[];
}

export const defineAlertRule = <P extends z.ZodType>(
  declaration: AlertRuleDeclaration<P>,
): AlertRuleDeclaration<P> => declaration;

/** The date part of a timestamp. */
export const day = (ts: string): string => ts.slice(0, 10);
/** One dated input of an alert's evidence. */
export const ev = (input: string, value: string, as_of: string | null): AlertEvidence => ({
  input,
  value,
  as_of,
});
/** Whether the day's snapshot puts the account in an at-risk tier. */
export const atRisk = (inputs: AlertInputs): boolean =>
  isScored(inputs.snapshot) && isAtRisk(inputs.snapshot.tier);
/** "$120,000": an ARR as the evidence shows it. */
export const dollars = (cents: number): string => `$${Math.round(cents / 100).toLocaleString('en-US')}`;
