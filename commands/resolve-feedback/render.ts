import type { ResolveFeedbackData } from './command.ts';

export function renderResolveFeedback(data: ResolveFeedbackData): string {
  if (data.resolved.length === 0) return `${data.feedback_id} is already resolved: nothing changed.`;
  return [
    `Resolved ${data.feedback_id}: ${data.resolved.length} item(s) from ${data.accounts.length} account(s).`,
    'Close the loop with each customer:',
    ...data.accounts.map(
      (a) =>
        `  cse run draft_email --account ${a.account_id} --kind closed_loop --feedback-id ${a.feedback_id}`,
    ),
  ].join('\n');
}
