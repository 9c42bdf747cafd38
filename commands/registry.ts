import { accountFeedback } from './account-feedback';
import { acknowledgeFeedback } from './acknowledge-feedback';
import { alerts } from './alerts';
import { auditLog } from './audit-log';
import { churnRisk } from './churn-risk';
import { cohortAnalysis } from './cohort-analysis';
import { disagreeScore } from './disagree-score';
import { draftEmail } from './draft-email';
import { expansionOpportunities } from './expansion-opportunities';
import { feedbackSla } from './feedback-sla';
import { feedbackThemesReport } from './feedback-themes-report';
import { createHelpCommand } from './help';
import type { IntentName } from './intent';
import { logFeedback } from './log-feedback';
import { nrrReport } from './nrr-report';
import { onboardingPlan } from './onboarding-plan';
import { portfolioReview } from './portfolio-review';
import { purgeAudit } from './purge-audit';
import { qbrPrep } from './qbr-prep';
import { reassignFeedback } from './reassign-feedback';
import type { Command } from './registry-types';
import { renewalPrep } from './renewal-prep';
import { resolveFeedback } from './resolve-feedback';
import { savePlay } from './save-play';
import { score } from './score';
import { scoreBacktestCommand } from './score-backtest';
import { successPlan } from './success-plan';
import { topRequests } from './top-requests';
import { unmergeFeedback } from './unmerge-feedback';
import { updateAlert } from './update-alert';
import { winbackPlan } from './winback-plan';

/** Every command that works today. The parser only routes to intents listed here. */
export const COMMANDS: readonly Command[] = [
  score as unknown as Command,
  churnRisk as unknown as Command,
  expansionOpportunities as unknown as Command,
  savePlay as unknown as Command,
  renewalPrep as unknown as Command,
  qbrPrep as unknown as Command,
  successPlan as unknown as Command,
  winbackPlan as unknown as Command,
  onboardingPlan as unknown as Command,
  portfolioReview as unknown as Command,
  nrrReport as unknown as Command,
  cohortAnalysis as unknown as Command,
  draftEmail as unknown as Command,
  accountFeedback as unknown as Command,
  topRequests as unknown as Command,
  feedbackThemesReport as unknown as Command,
  feedbackSla as unknown as Command,
  createHelpCommand(() => COMMANDS) as unknown as Command,
  logFeedback as unknown as Command,
  acknowledgeFeedback as unknown as Command,
  resolveFeedback as unknown as Command,
  reassignFeedback as unknown as Command,
  unmergeFeedback as unknown as Command,
  disagreeScore as unknown as Command,
  auditLog as unknown as Command,
  purgeAudit as unknown as Command,
  alerts as unknown as Command,
  updateAlert as unknown as Command,
  scoreBacktestCommand as unknown as Command,
];

export function findCommand(intent: string): Command | undefined {
  return COMMANDS.find((c) => c.intent === intent);
}

export function availableIntents(): IntentName[] {
  return COMMANDS.map((c) => c.intent);
}
