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
export type IntentName = (typeof INTENT_NAMES)[number];

/** The intents a command answers: every intent but `unknown`, which the router answers itself. */
export type CommandIntent = Exclude<IntentName, 'unknown'>;
