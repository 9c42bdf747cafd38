import { accountFeedback } from './account-feedback.ts';
import { acknowledgeFeedback } from './acknowledge-feedback.ts';
import { alerts } from './alerts.ts';
import { auditLog } from './audit-log.ts';
import { churnRisk } from './churn-risk.ts';
import { cohortAnalysis } from './cohort-analysis.ts';
import { disagreeScore } from './disagree-score.ts';
import { draftEmail } from './draft-email.ts';
import { expansionOpportunities } from './expansion-opportunities.ts';
import { feedbackSla } from './feedback-sla.ts';
import { feedbackThemesReport } from './feedback-themes-report.ts';
import { createHelpCommand } from './help.ts';
import type { CommandIntent, IntentName } from './intent-names.ts';
import { logFeedback } from './log-feedback.ts';
import { nrrReport } from './nrr-report.ts';
import { onboardingPlan } from './onboarding-plan.ts';
import type { IntentRule } from './parse/vocabulary.ts';
import { portfolioReview } from './portfolio-review.ts';
import { purgeAudit } from './purge-audit.ts';
import { qbrPrep } from './qbr-prep.ts';
import { reassignFeedback } from './reassign-feedback.ts';
import type { Command } from './registry-types.ts';
import { renewalPrep } from './renewal-prep.ts';
import { resolveFeedback } from './resolve-feedback.ts';
import { savePlay } from './save-play.ts';
import { score } from './score.ts';
import { scoreBacktestCommand } from './score-backtest.ts';
import { successPlan } from './success-plan.ts';
import { topRequests } from './top-requests.ts';
import { unmergeFeedback } from './unmerge-feedback.ts';
import { updateAlert } from './update-alert.ts';
import { winbackPlan } from './winback-plan.ts';

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
