import { z } from 'zod';
import { INDICATOR_IDS } from './churn-risk-config.ts';
import { EMAIL_KIND_NAMES } from './email-templates.ts';
import { loadKnowledge } from './load-knowledge.ts';

export const ALERT_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** A rule's id: its key in knowledge/alerts/rules.json and its declaration's id (tools/alerts/rules/). */
export type AlertRuleId = string;
const RuleId = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a rule id is lower_snake_case');

/** The commands an alert can open (its playbook), by intent. */
const ALERT_COMMANDS = [
  'save_play',
  'renewal_prep',
  'onboarding_plan',
  'draft_email',
  'churn_risk',
  'qbr_prep',
  'winback_plan',
  'signals',
] as const;

const Rule = z
  .object({
    label: z.string().min(1),
    severity: z.enum(ALERT_SEVERITIES),
    /** Raised instead of `severity` when the account's tier is at-risk or critical (renewal steps). */
    severity_when_at_risk: z.enum(ALERT_SEVERITIES).optional(),
    /** `onboarding`: only in the onboarding window; `mature`: only after it; `any`: always. */
    applies_to: z.enum(['any', 'onboarding', 'mature']),
    category: z.enum([
      'health',
      'usage',
      'relationship',
      'product',
      'financial',
      'competition',
      'strategic',
      'renewal',
    ]),
    /** The leading indicator (knowledge/risk/churn-risk.json) this rule watches, if any. */
    indicator: z.enum(INDICATOR_IDS).optional(),
    command: z.enum(ALERT_COMMANDS),
    email_kind: z.enum(EMAIL_KIND_NAMES).optional(),
    /** A critical alert still unacknowledged this long after its DM escalates to the CSM's leader (0: never). */
    escalate_after_hours: z.number().int().min(0),
    enabled: z.boolean().default(true),
    why: z.string().min(1),
    /** Values for the parameters the rule's declaration takes (checked against it: tools/alerts/alert-conditions). */
    params: z.record(z.string(), z.number()).default({}),
  })
  .strict()
  .refine((r) => r.command !== 'draft_email' || r.email_kind !== undefined, {
    message: 'a rule that opens draft_email names its email_kind',
  });

const AlertRules = z
  .object({
    version: z.string().min(1),
    rules: z.record(RuleId, Rule),
    inhibitions: z.array(
      z
        .object({
          when: z.enum(['save_play_open']),
          mutes: z.array(RuleId).min(1),
          why: z.string().min(1),
        })
        .strict(),
    ),
  })
  .strict();

export type AlertRule = z.output<typeof Rule>;
export type AlertRules = z.output<typeof AlertRules>;

const Delivery = z
  .object({
    weekly_dm_budget: z
      .object({
        default: z.number().int().min(0),
        per_user: z.record(z.string(), z.number().int().min(0)),
      })
      .strict(),
    /** Severities that are sent as a DM even over the budget. */
    always_dm: z.array(z.enum(ALERT_SEVERITIES)),
    /** Severities whose unacknowledged alerts escalate to the CSM's leader after the rule's window. */
    escalate_severities: z.array(z.enum(ALERT_SEVERITIES)),
    /** The hour (0–23, the user's Slack time zone) the daily digest goes out. */
    digest_local_hour: z.number().int().min(0).max(23),
    /** Leaders' weekly digest: ISO weekday (1 = Monday) and a channel id (null: a DM to each leader). */
    leader_digest: z
      .object({ weekday: z.number().int().min(1).max(7), channel: z.string().nullable() })
      .strict(),
    /** How many missed days the scheduler catches up on start. */
    catch_up_days: z.number().int().min(0).max(60),
    tick_every_minutes: z.number().int().min(1).max(60),
    snooze_days: z.array(z.number().int().positive()).min(1),
    not_useful_reasons: z.record(z.string().regex(/^[a-z_]+$/), z.string().min(1)),
    /** `cse alerts backtest`: the outcome window, and the MRR fall that counts as a contraction. */
    backtest: z
      .object({ horizon_days: z.number().int().positive(), contraction_share: z.number().positive().max(1) })
      .strict(),
  })
  .strict();
export type AlertDelivery = z.output<typeof Delivery>;

let rules: AlertRules | null = null;
let delivery: AlertDelivery | null = null;

/** The alert rules (knowledge/alerts/rules.json), validated once. */
export function alertRules(): AlertRules {
  rules ??= loadKnowledge('alerts/rules.json', AlertRules) as AlertRules;
  return rules;
}

/** Budget, digest and snooze settings (knowledge/alerts/delivery.json), validated once. */
export function alertDelivery(): AlertDelivery {
  delivery ??= loadKnowledge('alerts/delivery.json', Delivery);
  return delivery;
}

/** Severity order, most urgent first: for budgets and sorting. */
export const severityRank = (s: AlertSeverity): number => ALERT_SEVERITIES.indexOf(s);

/** A rule's label, for reasons, resolutions and messages. */
export const alertLabel = (rule: string): string => alertRules().rules[rule as AlertRuleId]?.label ?? rule;
