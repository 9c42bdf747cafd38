import { z } from 'zod';

const Severity = z.enum(['critical', 'high', 'medium', 'low']);
const DigestLine = z.object({
  alert_id: z.string(),
  account_name: z.string(),
  rule_label: z.string(),
  severity: Severity,
  state: z.string(),
  reason: z.string(),
});

/** A CSM's morning digest (DESIGN §11): what waits on them, what changed, renewals this week. */
export const DailyDigestData = z.object({
  day: z.string(),
  waiting: z.array(DigestLine),
  /** Alerts held back from a DM by the weekly budget (or with no one to DM): shown here instead. */
  held_back: z.array(DigestLine),
  raised_today: z.number().int(),
  resolved_today: z.array(DigestLine),
  renewals: z.array(z.object({ account_name: z.string(), renewal_date: z.string() })),
  budget: z.object({ sent_this_week: z.number().int(), weekly_cap: z.number().int() }),
});
export type DailyDigestData = z.infer<typeof DailyDigestData>;

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
