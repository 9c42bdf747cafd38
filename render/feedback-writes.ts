import type { z } from 'zod';
import type { AcknowledgeFeedbackData } from '../commands/acknowledge-feedback.ts';
import type { LogFeedbackData } from '../commands/log-feedback.ts';
import type { ReassignFeedbackData } from '../commands/reassign-feedback.ts';
import type { ResolveFeedbackData } from '../commands/resolve-feedback.ts';
import type { UnmergeFeedbackData } from '../commands/unmerge-feedback.ts';

export function renderLogFeedback(data: LogFeedbackData): string {
  return data.status === 'accepted'
    ? `Logged feedback for ${data.account_name} as ${data.feedback_id}: it will be checked for duplicates, tagged and routed to its owner with an SLA.`
    : `That feedback for ${data.account_name} is already logged (${data.feedback_id}).`;
}

export function renderAcknowledgeFeedback(data: z.infer<typeof AcknowledgeFeedbackData>): string {
  return data.changed
    ? `Acknowledged ${data.feedback_id}: the SLA clock stops escalating.`
    : `${data.feedback_id} is already resolved: nothing changed.`;
}

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

export function renderReassignFeedback(data: z.infer<typeof ReassignFeedbackData>): string {
  return data.changed
    ? `Reassigned ${data.feedback_id} to ${data.owner}.`
    : `${data.feedback_id} is already resolved: nothing changed.`;
}

export function renderUnmergeFeedback(data: z.infer<typeof UnmergeFeedbackData>): string {
  return data.from
    ? `Separated ${data.feedback_id} from ${data.from}: it is its own request now and will not be merged into it again.`
    : `${data.feedback_id} is not merged into another item: nothing changed.`;
}
