import type { DailyDigestData } from './command.ts';

type Line = DailyDigestData['waiting'][number];
const alertLine = (a: Line) =>
  `  ${a.severity} · ${a.account_name} — ${a.rule_label}: ${a.reason} (${a.alert_id})`;

/** The morning digest as text (`cse run daily_digest`). Pure. */
export function renderDailyDigest(d: DailyDigestData): string {
  const part = (title: string, lines: string[]) => (lines.length === 0 ? [] : ['', title, ...lines]);
  return [
    `Your day, ${d.day}: ${d.waiting.length} waiting, ${d.held_back.length} held back, ${d.renewals.length} renewal(s) this week`,
    ...part(`Waiting on you (${d.waiting.length})`, d.waiting.map(alertLine)),
    ...part(
      `Held back from DMs (${d.held_back.length}) — ${d.budget.sent_this_week} of ${d.budget.weekly_cap} DMs this week used`,
      d.held_back.map(alertLine),
    ),
    ...part(
      `What changed: ${d.raised_today} new, ${d.resolved_today.length} resolved`,
      d.resolved_today.map((a) => `  ${a.account_name} — ${a.rule_label} cleared`),
    ),
    ...part(
      `Renewals this week (${d.renewals.length})`,
      d.renewals.map((r) => `  ${r.account_name} renews ${r.renewal_date}`),
    ),
  ].join('\n');
}
