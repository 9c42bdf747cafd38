import type { ChurnRiskData } from '../../commands/churn-risk';
import type { CohortAnalysisData } from '../../commands/cohort-analysis';
import type { ExpansionData } from '../../commands/expansion-opportunities';
import type { HelpData } from '../../commands/help';
import type { NrrReportData } from '../../commands/nrr-report';
import type { OnboardingData } from '../../commands/onboarding-plan';
import type { PortfolioReviewData } from '../../commands/portfolio-review';
import type { RenewalPrepData } from '../../commands/renewal-prep';
import type { Answer, UnknownData } from '../../commands/router';
import type { SavePlayData } from '../../commands/save-play';
import type { ScoreData } from '../../commands/score';
import type { WinbackData } from '../../commands/winback-plan';
import { renderChurnRisk } from './churn-risk';
import { renderCohortAnalysis } from './cohort-analysis';
import { renderExpansion } from './expansion';
import { renderNrrReport } from './nrr-report';
import { renderOnboardingPlan } from './onboarding-plan';
import { renderPortfolioReview } from './portfolio-review';
import { renderRenewalPrep } from './renewal-prep';
import { renderSavePlay } from './save-play';
import { renderScore } from './score';
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

/** Terminal text for any answer, with its provenance footer. Pure. */
export function renderAnswer(answer: Answer): string {
  let body: string;
  switch (answer.intent) {
    case 'portfolio_review':
      body = renderPortfolioReview(answer.data as PortfolioReviewData);
      break;
    case 'nrr_report':
      body = renderNrrReport(answer.data as NrrReportData);
      break;
    case 'cohort_analysis':
      body = renderCohortAnalysis(answer.data as CohortAnalysisData);
      break;
    case 'expansion_opportunities':
      body = renderExpansion(answer.data as ExpansionData, answer.account?.name ?? 'Account');
      break;
    case 'onboarding_plan':
      body = renderOnboardingPlan(answer.data as OnboardingData, answer.account?.name ?? 'Account');
      break;
    case 'winback_plan':
      body = renderWinbackPlan(answer.data as WinbackData, answer.account?.name ?? 'Account');
      break;
    case 'renewal_prep':
      body = renderRenewalPrep(answer.data as RenewalPrepData, answer.account?.name ?? 'Account');
      break;
    case 'save_play':
      body = renderSavePlay(answer.data as SavePlayData, answer.account?.name ?? 'Account');
      break;
    case 'churn_risk':
      body = renderChurnRisk(answer.data as ChurnRiskData, answer.account?.name ?? 'Account');
      break;
    case 'score':
      body = renderScore(answer.data as ScoreData, answer.account?.name ?? 'Account');
      break;
    case 'help':
      return renderHelp(answer.data as HelpData);
    case 'unknown':
      return renderUnknown(answer.data as UnknownData);
    default:
      body = JSON.stringify(answer.data, null, 2);
  }
  return `${body}\n\nAs of ${answer.provenance.as_of} · reproduce: ${answer.provenance.reproduce}`;
}
