import type { HelpData } from '../../commands/help';
import type { Answer, UnknownData } from '../../commands/router';
import { renderAlerts, renderUpdateAlert } from './alerts';
import { renderAuditLog, renderDisagreeScore, renderPurgeAudit } from './audit';
import { renderChurnRisk } from './churn-risk';
import { renderCohortAnalysis } from './cohort-analysis';
import { renderDraftEmail } from './draft-email';
import { renderExpansion } from './expansion';
import {
  renderAccountFeedback,
  renderFeedbackSla,
  renderFeedbackThemes,
  renderTopRequests,
} from './feedback';
import {
  renderAcknowledgeFeedback,
  renderLogFeedback,
  renderReassignFeedback,
  renderResolveFeedback,
  renderUnmergeFeedback,
} from './feedback-writes';
import { renderNrrReport } from './nrr-report';
import { renderOnboardingPlan } from './onboarding-plan';
import { renderPortfolioReview } from './portfolio-review';
import { renderQbrPrep } from './qbr-prep';
import { renderRenewalPrep } from './renewal-prep';
import { renderSavePlay } from './save-play';
import { renderScore } from './score';
import { renderScoreBacktest } from './score-backtest';
import { renderSuccessPlan } from './success-plan';
import { renderWinbackPlan } from './winback-plan';

function renderHelp(data: HelpData): string {
  const lines = ['I answer questions about your customers from your own data. Try:', ''];
  for (const c of data.commands) {
    lines.push(`  ${c.title} — ${c.summary}`, `      "${c.examples[0] ?? c.intent}"    ${c.run}`);
  }
  lines.push(
    '',
    `Load data with: cse import <kind> <file.csv|file.jsonl>   kinds: ${data.import_kinds.map((k) => k.kind).join(', ')}`,
  );
  return lines.join('\n');
}

function renderUnknown(data: UnknownData): string {
  return [
    data.message,
    ...data.suggestions.map((s) => `  • "${s.example}"`),
    '  • "help" for everything',
  ].join('\n');
}

type Renderer = (data: never, accountName: string) => string;

/** One terminal renderer per intent; each gets the command's data and the account's name. */
const RENDERERS: Partial<Record<Answer['intent'], Renderer>> = {
  portfolio_review: renderPortfolioReview as Renderer,
  nrr_report: renderNrrReport as Renderer,
  cohort_analysis: renderCohortAnalysis as Renderer,
  score: renderScore as Renderer,
  churn_risk: renderChurnRisk as Renderer,
  expansion_opportunities: renderExpansion as Renderer,
  save_play: renderSavePlay as Renderer,
  renewal_prep: renderRenewalPrep as Renderer,
  qbr_prep: renderQbrPrep as Renderer,
  success_plan: renderSuccessPlan as Renderer,
  onboarding_plan: renderOnboardingPlan as Renderer,
  winback_plan: renderWinbackPlan as Renderer,
  draft_email: renderDraftEmail as Renderer,
  account_feedback: renderAccountFeedback as Renderer,
  top_requests: renderTopRequests as Renderer,
  feedback_themes: renderFeedbackThemes as Renderer,
  feedback_sla: renderFeedbackSla as Renderer,
  log_feedback: renderLogFeedback as Renderer,
  acknowledge_feedback: renderAcknowledgeFeedback as Renderer,
  resolve_feedback: renderResolveFeedback as Renderer,
  reassign_feedback: renderReassignFeedback as Renderer,
  unmerge_feedback: renderUnmergeFeedback as Renderer,
  disagree_score: renderDisagreeScore as Renderer,
  audit_log: renderAuditLog as Renderer,
  purge_audit: renderPurgeAudit as Renderer,
  alerts: renderAlerts as Renderer,
  update_alert: renderUpdateAlert as Renderer,
  score_backtest: renderScoreBacktest as Renderer,
};

/** Terminal text of an answer without its provenance footer (help and unknown have none). Pure. */
export function renderBody(answer: Answer): string {
  if (answer.intent === 'help') return renderHelp(answer.data as HelpData);
  if (answer.intent === 'unknown') return renderUnknown(answer.data as UnknownData);
  const render = RENDERERS[answer.intent];
  return render
    ? render(answer.data as never, answer.account?.name ?? 'Account')
    : JSON.stringify(answer.data, null, 2);
}

/** Terminal text for any answer, with its provenance footer. Pure. */
export function renderAnswer(answer: Answer): string {
  const body = renderBody(answer);
  if (answer.intent === 'help' || answer.intent === 'unknown') return body;
  return `${body}\n\nAs of ${answer.provenance.as_of} · reproduce: ${answer.provenance.reproduce}`;
}
