import { z } from 'zod';

/** Intent names of DESIGN §4: stable; new ones may be added, none renamed. */
export const INTENT_NAMES = [
  'score',
  'churn_risk',
  'expansion_opportunities',
  'save_play',
  'renewal_prep',
  'success_plan',
  'onboarding_plan',
  'qbr_prep',
  'winback_plan',
  'portfolio_review',
  'cohort_analysis',
  'nrr_report',
  'help',
  'unknown',
  'draft_email',
  'log_feedback',
  'account_feedback',
  'top_requests',
  'feedback_themes',
  'feedback_sla',
  'acknowledge_feedback',
  'resolve_feedback',
  'reassign_feedback',
  'unmerge_feedback',
  'disagree_score',
  'audit_log',
  'purge_audit',
  'alerts',
  'update_alert',
  'score_backtest',
] as const;
export const IntentName = z.enum(INTENT_NAMES);
export type IntentName = z.infer<typeof IntentName>;

/** What the parser makes of a message, before the account is resolved. */
export const ParsedIntent = z.object({
  text: z.string(),
  intent: IntentName,
  /** The account as typed ("acme"), resolved later against the store. */
  accountMention: z.string().nullable(),
  args: z.record(z.string(), z.unknown()),
  via: z.enum(['rules', 'llm']),
  /** 0–1: how sure the parser is. */
  confidence: z.number().min(0).max(1),
});
export type ParsedIntent = z.infer<typeof ParsedIntent>;
