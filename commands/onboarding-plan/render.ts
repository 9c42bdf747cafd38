import { formatTable } from '../../render/table.ts';
import type { OnboardingData } from './command.ts';

/** Terminal text for an onboarding plan: aha moment, TTFV target, milestones with status, risks. Pure. */
export function renderOnboardingPlan(data: OnboardingData, accountName: string): string {
  if (!data.contract_start) return `${accountName}: ${data.message ?? 'no contract start date'}`;
  const lines = [
    `${accountName}: onboarding day ${data.day} of 90 (${data.segment ?? 'no segment'}, started ${data.contract_start})`,
    `Aha moment: ${data.aha_moment}; time-to-first-value target ${data.ttfv_days} days (${data.ttfv_target_date})`,
  ];
  if (data.message) lines.push(data.message);
  lines.push(
    '',
    formatTable(
      ['Week', 'Due', 'Status', 'Milestone'],
      data.milestones.map((m) => [
        String(m.week),
        m.due,
        m.status,
        m.evidence ? `${m.title} — ${m.evidence}` : m.title,
      ]),
      ['right', 'left', 'left', 'left'],
    ),
  );
  lines.push(
    '',
    data.risk_signals.length === 0 ? 'No onboarding risk signal is firing.' : 'Onboarding risks firing:',
    ...data.risk_signals.map((r) => `  • ${r.label}: ${r.evidence.join('; ')}`),
  );
  return lines.join('\n');
}
