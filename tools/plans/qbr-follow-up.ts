import type { QbrPlaybook } from '../../knowledge/qbr-playbook.ts';
import { fillTemplate } from '../text/fill-template.ts';

export interface QbrFollowUpFacts {
  account: string;
  greeting: string;
  csm: string;
  goalsAchieved: number;
  goalsTotal: number;
  achievedObjectives: string[];
  usageWindowDays: number;
  /** Already-worded usage facts, e.g. "on average 212 weekly active users; core actions up 12%". */
  usageLine: string;
  openTickets: { severity: string; subject: string | null; ticket_id: string }[];
  recommendations: { title: string; arithmetic: string }[];
  followUpDue: string;
}

/** The post-QBR email, prefilled from the account's figures; every figure comes from the facts. */
export function qbrFollowUpEmail(
  facts: QbrFollowUpFacts,
  template: QbrPlaybook['follow_up_email'],
): { subject: string; body: string; values: Record<string, string | number> } {
  const values: Record<string, string | number> = {
    account: facts.account,
    greeting: facts.greeting,
    csm: facts.csm,
    goals_line:
      facts.goalsTotal === 0
        ? 'we agreed to write down the success-plan goals together'
        : `${facts.goalsAchieved} of ${facts.goalsTotal} success-plan goals achieved${facts.achievedObjectives.length > 0 ? ` (${facts.achievedObjectives.join('; ')})` : ''}`,
    usage_window_days: facts.usageWindowDays,
    usage_line: facts.usageLine,
    open_tickets_line:
      facts.openTickets.length === 0
        ? 'none open'
        : [
            ...new Set(
              facts.openTickets.map((t) => `${t.severity.toUpperCase()} ${t.subject ?? t.ticket_id}`),
            ),
          ].join('; '),
    recommendation_lines: facts.recommendations
      .map((r) => `- For discussion: ${r.title.toLowerCase()}: ${r.arithmetic}.`)
      .join('\n'),
    next_steps: `I will send the owners and dates for each item by ${facts.followUpDue}.`,
  };
  const body = template.body
    .map((line) => fillTemplate(line, values))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n');
  return { subject: fillTemplate(template.subject, values), body, values };
}
