import type { LogFeedbackData } from './command.ts';

export function renderLogFeedback(data: LogFeedbackData): string {
  return data.status === 'accepted'
    ? `Logged feedback for ${data.account_name} as ${data.feedback_id}: it will be checked for duplicates, tagged and routed to its owner with an SLA.`
    : `That feedback for ${data.account_name} is already logged (${data.feedback_id}).`;
}
