import { accountFeedback } from './account-feedback/command.ts';
import { accountGlance } from './account-glance/command.ts';
import { accounts } from './accounts/command.ts';
import { acknowledgeFeedback } from './acknowledge-feedback/command.ts';
import { advocates } from './advocates/command.ts';
import { alerts } from './alerts/command.ts';
import { auditLog } from './audit-log/command.ts';
import { bookHome } from './book-home/command.ts';
import { bookSignals } from './book-signals/command.ts';
import { channels } from './channels/command.ts';
import { churnRisk } from './churn-risk/command.ts';
import { cohortAnalysis } from './cohort-analysis/command.ts';
import { dailyDigestCommand } from './daily-digest/command.ts';
import { decideDuplicate } from './decide-duplicate/command.ts';
import { disagreeScore } from './disagree-score/command.ts';
import { draftEmail } from './draft-email/command.ts';
import { expansionOpportunities } from './expansion-opportunities/command.ts';
import { feedbackSla } from './feedback-sla/command.ts';
import { feedbackThemesReport } from './feedback-themes/command.ts';
import { createHelpCommand } from './help/command.ts';
import type { CommandIntent, IntentName } from './intent-names.ts';
import { linkChannelCommand } from './link-channel/command.ts';
import { linkRoadmap } from './link-roadmap/command.ts';
import { logFeedback } from './log-feedback/command.ts';
import { movers } from './movers/command.ts';
import { myDay } from './my-day/command.ts';
import { nrrReport } from './nrr-report/command.ts';
import { onboardingPlan } from './onboarding-plan/command.ts';
import type { IntentRule } from './parse/vocabulary.ts';
import { portfolioReview } from './portfolio-review/command.ts';
import { purgeAudit } from './purge-audit/command.ts';
import { qbrPrep } from './qbr-prep/command.ts';
import { reassignFeedback } from './reassign-feedback/command.ts';
import { recordProductEvents } from './record-product-events/command.ts';
import type { Command } from './registry-types.ts';
import { renewalForecastCommand } from './renewal-forecast/command.ts';
import { renewalPrep } from './renewal-prep/command.ts';
import { resolveFeedback } from './resolve-feedback/command.ts';
import { savePlay } from './save-play/command.ts';
import { score } from './score/command.ts';
import { scoreBacktestCommand } from './score-backtest/command.ts';
import { setRoadmapStatusCommand } from './set-roadmap-status/command.ts';
import { shippedRequests } from './shipped-requests/command.ts';
import { signalBacktestCommand } from './signal-backtest/command.ts';
import { signals } from './signals/command.ts';
import { successPlan } from './success-plan/command.ts';
import { topRequests } from './top-requests/command.ts';
import { unlinkChannelCommand } from './unlink-channel/command.ts';
import { unmergeFeedback } from './unmerge-feedback/command.ts';
import { updateAlert } from './update-alert/command.ts';
import { winbackPlan } from './winback-plan/command.ts';

/** Every command, by intent. */
export type CommandMap = { [I in CommandIntent]: Command<I> };

/** Each command filed under its own intent: a command under another key does not compile. */
type FiledUnderItsIntent<R extends { [K in keyof R]: { intent: K } }> = R;

/**
 * Every command that works today, one line each: adding a command is its folder and its line
 * here. The order is the rules parser's: a command's triggers are tried before those of the
 * commands below it, so the more specific come first ("QBR goals" is QBR prep, "renewal prep"
 * before "renewals coming up"), help last.
 */
export const REGISTRY = {
  my_day: myDay,
  movers,
  renewal_forecast: renewalForecastCommand,
  accounts,
  score_backtest: scoreBacktestCommand,
  alerts,
  feedback_sla: feedbackSla,
  shipped_requests: shippedRequests,
  top_requests: topRequests,
  feedback_themes: feedbackThemesReport,
  book_signals: bookSignals,
  signals,
  account_feedback: accountFeedback,
  channels,
  draft_email: draftEmail,
  cohort_analysis: cohortAnalysis,
  nrr_report: nrrReport,
  advocates,
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
  account_glance: accountGlance,
  log_feedback: logFeedback,
  acknowledge_feedback: acknowledgeFeedback,
  resolve_feedback: resolveFeedback,
  reassign_feedback: reassignFeedback,
  unmerge_feedback: unmergeFeedback,
  link_roadmap: linkRoadmap,
  set_roadmap_status: setRoadmapStatusCommand,
  decide_duplicate: decideDuplicate,
  disagree_score: disagreeScore,
  audit_log: auditLog,
  purge_audit: purgeAudit,
  update_alert: updateAlert,
  record_product_events: recordProductEvents,
  book_home: bookHome,
  daily_digest: dailyDigestCommand,
  link_channel: linkChannelCommand,
  unlink_channel: unlinkChannelCommand,
  signal_backtest: signalBacktestCommand,
  help: createHelpCommand(listCommands),
} satisfies Record<string, Command>;

/**
 * The registry's type: each intent's own command, with its args and result types. Its keys are
 * the intent names (commands/intent-names.ts).
 */
export type Registry = FiledUnderItsIntent<typeof REGISTRY>;

const BY_INTENT: CommandMap = REGISTRY;

/** Any one command, with its intent among the registry's. */
export type AnyCommand = CommandMap[CommandIntent];

/** The commands in registry order, as the router, help and the parser walk them. */
export const COMMANDS: readonly AnyCommand[] = Object.values(BY_INTENT);

const isCommandIntent = (intent: string): intent is CommandIntent => Object.hasOwn(BY_INTENT, intent);

/** Every command, for help (typed plainly, so the registry's type does not depend on itself). */
function listCommands(): readonly Command[] {
  return COMMANDS;
}

export function findCommand(intent: string): AnyCommand | undefined {
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
