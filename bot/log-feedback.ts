import type { webApi } from '@slack/bolt';
import { type FeedbackInput, ingestFeedback } from '../jobs/ingest-feedback';
import { appendAudit } from '../store/repositories/audit-log';
import { actorOrExplain, type Outbox, type SlackDeps } from './answer-flow';
import { errorMessage } from './render/error-message';
import { textMessage } from './render/slack-limits';

/** `/cs feedback Acme: the text` → account and text; null when the command is not a feedback log. */
export function parseFeedbackCommand(text: string): { account: string; text: string } | null {
  const m = /^\s*(?:log\s+)?feedback\s+(?:for\s+|from\s+)?([^:]+?)\s*:\s*([\s\S]+)$/i.exec(text);
  if (!m?.[1] || !m[2]?.trim()) return null;
  return { account: m[1].trim(), text: m[2].trim() };
}

/**
 * Logs one feedback item from Slack for a known team member: stored before the reply, processing
 * queued; audited. An unknown account gets the "did you mean" answer.
 */
export async function logFeedbackFromSlack(
  deps: SlackDeps,
  client: webApi.WebClient,
  who: { slackUserId: string; channel: string | undefined },
  input: Omit<FeedbackInput, 'author'>,
  outbox: Outbox,
): Promise<{ feedback_id: string } | null> {
  const actor = await actorOrExplain(deps, client, who.slackUserId, who.channel, input.text, outbox);
  if (!actor) return null;
  const started = performance.now();
  const audit = (outcome: 'ok' | 'error', extra: { account_id?: string; error_code?: string }) =>
    appendAudit(deps.db, {
      actor: actor.id,
      surface: 'slack',
      channel: who.channel ?? null,
      text: input.text,
      intent: 'log_feedback',
      outcome,
      duration_ms: performance.now() - started,
      ...extra,
    });
  try {
    const result = await ingestFeedback(deps.db, deps.feedbackQueue ?? null, { ...input, author: actor.id });
    await audit('ok', { account_id: result.account_id });
    const text = result.inserted
      ? `Logged feedback for ${result.account_name} as ${result.feedback_id}: it will be checked for duplicates, tagged and routed to its owner with an SLA.`
      : `That feedback for ${result.account_name} is already logged (${result.feedback_id}).`;
    await outbox.post(textMessage(text, `:inbox_tray: ${text}`));
    return { feedback_id: result.feedback_id };
  } catch (error) {
    await audit('error', { error_code: (error as { code?: string }).code ?? 'internal' });
    await outbox.post(errorMessage(error));
    return null;
  }
}
