import { addDays, daysBetween } from '../../core/calendar.ts';
import type { WinbackPlaybook } from '../../knowledge/winback-playbook.ts';

export interface WinbackPlan {
  daysSinceChurn: number;
  bucket: { id: string; approach: string; expectedSuccessRate: number };
  reason: string;
  whatChanged: string;
  emails: { step: number; sendOn: string; subject: string }[];
}

/**
 * The win-back plan for a churned account: its timing bucket from churned_at, the approach and
 * expected success rate, and three reason-specific emails dated from today.
 */
export function winbackPlan(
  churnedAt: string,
  reason: string | null,
  asOf: string,
  playbook: WinbackPlaybook,
): WinbackPlan {
  const days = Math.max(0, daysBetween(churnedAt, asOf));
  const bucket =
    playbook.buckets.find((b) => days >= b.min_days && days <= b.max_days) ??
    (playbook.buckets.at(-1) as WinbackPlaybook['buckets'][number]);
  const key = reason && playbook.reasons[reason] ? reason : 'unspecified';
  const variant = playbook.reasons[key] as WinbackPlaybook['reasons'][string];
  return {
    daysSinceChurn: days,
    bucket: { id: bucket.id, approach: bucket.approach, expectedSuccessRate: bucket.expected_success_rate },
    reason: key,
    whatChanged: variant.what_changed,
    emails: variant.emails.map((subject, k) => ({
      step: k + 1,
      sendOn: addDays(asOf, playbook.email_days[k] ?? 0),
      subject,
    })),
  };
}
