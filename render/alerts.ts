import type { AlertRow, AlertsData } from '../commands/alerts.ts';
import type { UpdateAlertData } from '../commands/update-alert.ts';
import type { AlertBacktest } from '../jobs/alert-replay.ts';
import { formatTable } from './table.ts';

const SEVERITY_MARK: Record<AlertRow['severity'], string> = {
  critical: '!!',
  high: '! ',
  medium: '· ',
  low: '  ',
};

/** One alert: the rule, the reason, the evidence with its dates, and the play. Pure. */
export function renderAlert(a: AlertRow): string {
  const state =
    a.state === 'snoozed'
      ? `snoozed ${a.snoozed_until_inputs_change ? 'until its inputs change' : `until ${a.snoozed_until}`}`
      : a.state === 'resolved'
        ? `resolved ${a.resolved_on}: ${a.resolution}`
        : a.state;
  return [
    `${SEVERITY_MARK[a.severity]} ${a.alert_id}  ${a.account} — ${a.rule_label} (${a.severity}, ${state}, since ${a.since})`,
    `     ${a.reason}`,
    ...a.evidence.map((e) => `     · ${e.input}: ${e.value}${e.as_of ? ` (${e.as_of})` : ''}`),
    `     play: ${a.play}${a.delivery === 'digest' ? ' · held for the digest (weekly DM budget)' : ''}`,
  ].join('\n');
}

/** Terminal text for a book's alerts. Pure. */
export function renderAlerts(data: AlertsData): string {
  const whose = data.scope.csm ? `${data.scope.csm}'s book` : 'the whole team';
  const head = `Alerts — ${data.alerts.length} ${data.state === 'all' ? '' : `${data.state} `}for ${whose}`;
  if (data.alerts.length === 0) return `${head}\nNothing is waiting. cse tick runs today's checks.`;
  return [head, ...data.alerts.map(renderAlert)].join('\n\n');
}

const DONE: Record<string, string> = {
  acknowledge: 'Acknowledged',
  snooze: 'Snoozed',
  not_useful: 'Marked not useful',
  playbook_opened: 'Playbook opened',
};

/** Terminal text for a change to an alert. Pure. */
export function renderUpdateAlert(data: UpdateAlertData): string {
  if (!data.changed) return `${data.alert.alert_id} is already resolved: nothing changed.`;
  return `${DONE[data.action] ?? data.action} ${data.alert.alert_id} (${data.alert.account} — ${data.alert.rule_label}).\n\n${renderAlert(data.alert)}`;
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

/** Terminal text for `cse alerts backtest`: one row per rule, then the base rate and the budget. Pure. */
export function renderAlertBacktest(b: AlertBacktest): string {
  const rows = [...b.rules]
    .sort((x, y) => (y.lift ?? -1) - (x.lift ?? -1) || y.raised - x.raised)
    .map((r) => [
      r.label,
      String(r.raised),
      r.per_csm_week.toFixed(2),
      `${r.hits}/${r.judged}`,
      pct(r.precision),
      r.lift === null ? '—' : `${r.lift.toFixed(2)}×`,
      r.live_raised > 0 ? `${r.not_useful}/${r.live_raised}` : '—',
    ]);
  return [
    `Alert backtest ${b.from} → ${b.to}: ${b.days.length} snapshot days replayed; outcome = churned or MRR down > ${Math.round(b.contraction_share * 100)}% within ${b.horizon_days} days`,
    `Base rate: ${pct(b.base.rate)} of ${b.base.judged.toLocaleString('en-US')} account-days (${b.base.hits.toLocaleString('en-US')} with the outcome)`,
    '',
    formatTable(['Rule', 'Raised', 'Per CSM-week', 'Hit/judged', 'Precision', 'Lift', 'Not useful'], rows, [
      'left',
      'right',
      'right',
      'right',
      'right',
      'right',
      'right',
    ]),
    '',
    `DM budget: at most ${b.budget.max_non_critical_dms_in_a_week} non-critical DMs to one CSM in a week (cap ${b.budget.weekly_cap}); ${b.budget.held_for_digest} alerts held for digests over ${b.budget.csm_weeks} CSM-weeks.`,
    b.definition,
  ].join('\n');
}
