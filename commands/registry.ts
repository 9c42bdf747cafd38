import { accountFeedback } from './account-feedback/command.ts';
import { acknowledgeFeedback } from './acknowledge-feedback/command.ts';
import { alerts } from './alerts/command.ts';
import { auditLog } from './audit-log/command.ts';
import { churnRisk } from './churn-risk/command.ts';
import { cohortAnalysis } from './cohort-analysis/command.ts';
import { disagreeScore } from './disagree-score/command.ts';
import { draftEmail } from './draft-email/command.ts';
import { expansionOpportunities } from './expansion-opportunities/command.ts';
import { feedbackSla } from './feedback-sla/command.ts';
import { feedbackThemesReport } from './feedback-themes/command.ts';
import { createHelpCommand } from './help/command.ts';
import type { CommandIntent, IntentName } from './intent-names.ts';
import { logFeedback } from './log-feedback/command.ts';
import { nrrReport } from './nrr-report/command.ts';
import { onboardingPlan } from './onboarding-plan/command.ts';
import type { IntentRule } from './parse/vocabulary.ts';
import { portfolioReview } from './portfolio-review/command.ts';
import { purgeAudit } from './purge-audit/command.ts';
import { qbrPrep } from './qbr-prep/command.ts';
import { reassignFeedback } from './reassign-feedback/command.ts';
import type { Command } from './registry-types.ts';
import { renewalPrep } from './renewal-prep/command.ts';
import { resolveFeedback } from './resolve-feedback/command.ts';
import { savePlay } from './save-play/command.ts';
import { score } from './score/command.ts';
import { scoreBacktestCommand } from './score-backtest/command.ts';
import { successPlan } from './success-plan/command.ts';
import { topRequests } from './top-requests/command.ts';
import { unmergeFeedback } from './unmerge-feedback/command.ts';
import { updateAlert } from './update-alert/command.ts';
import { winbackPlan } from './winback-plan/command.ts';

/** Every command, by intent: the compiler checks that each intent has exactly its own command. */
export type CommandMap = { [I in CommandIntent]: Command<I> };

/**
 * Every command that works today, one line each. The order is the rules parser's: a command's
 * triggers are tried before those of the commands below it, so the more specific come first
 * ("QBR goals" is QBR prep, "renewal prep" before "renewals coming up"), help last.
 */
export const REGISTRY = {
  score_backtest: scoreBacktestCommand,
  alerts,
  feedback_sla: feedbackSla,
  top_requests: topRequests,
  feedback_themes: feedbackThemesReport,
  account_feedback: accountFeedback,
  draft_email: draftEmail,
  cohort_analysis: cohortAnalysis,
  nrr_report: nrrReport,
  portfolio_review: portfolioReview,
  winback_plan: winbackPlan,
  onboarding_plan: onboardingPlan,
  qbr_prep: qbrPrep,
  success_plan: successPlan,
  renewal_prep: renewalPrep,
  save_play: savePlay,
  expansion_opportunities: expansionOpportunities,
  churn_risk: churnRisk,
  score,
  log_feedback: logFeedback,
  acknowledge_feedback: acknowledgeFeedback,
  resolve_feedback: resolveFeedback,
  reassign_feedback: reassignFeedback,
  unmerge_feedback: unmergeFeedback,
  disagree_score: disagreeScore,
  audit_log: auditLog,
  purge_audit: purgeAudit,
  update_alert: updateAlert,
  help: createHelpCommand(() => COMMANDS),
} satisfies CommandMap;

/** The registry's type: each intent's own command, with its args and result types. */
export type Registry = typeof REGISTRY;

const BY_INTENT: CommandMap = REGISTRY;

/** The commands in registry order, as the router, help and the parser walk them. */
export const COMMANDS: readonly Command[] = Object.values(BY_INTENT);

const isCommandIntent = (intent: string): intent is CommandIntent => Object.hasOwn(BY_INTENT, intent);

export function findCommand(intent: string): Command | undefined {
  return isCommandIntent(intent) ? BY_INTENT[intent] : undefined;
}

export function availableIntents(): IntentName[] {
  return COMMANDS.map((c) => c.intent);
}

/** The rules parser's triggers of the given intents (all by default), in registry order. */
export function intentRules(intents: readonly IntentName[] = availableIntents()): IntentRule[] {
  const wanted = new Set(intents);
  return COMMANDS.flatMap((c) =>
    c.triggers && wanted.has(c.intent) ? [{ intent: c.intent, ...c.triggers }] : [],
  );
}
