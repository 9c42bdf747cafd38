import type { WinbackData } from './command.ts';

/** Terminal text for a win-back plan. Pure. */
export function renderWinbackPlan(data: WinbackData, accountName: string): string {
  if (!data.churned || !data.bucket) return data.message ?? `${accountName} has not churned.`;
  const lines = [
    `${accountName}: churned ${data.churned_at ?? '(date unknown)'} — ${data.days_since_churn} days ago, reason: ${data.churn_reason}`,
    `Window ${data.bucket.id.replace('_', '–').replace('over–', 'over ')} days: ${data.bucket.approach} (expected success about ${Math.round(data.bucket.expected_success_rate * 100)}%)`,
    `What to lead with: ${data.what_changed}`,
    '',
    'Emails:',
    ...data.emails.map((e) => `  ${e.step}. ${e.send_on}  "${e.subject}"`),
  ];
  if (data.last_feedback.length > 0)
    lines.push(
      '',
      'What they last told us:',
      ...data.last_feedback.map((f) => `  • ${f.created_at.slice(0, 10)}: ${f.text}`),
    );
  return lines.join('\n');
}
