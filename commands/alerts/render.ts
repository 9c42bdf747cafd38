import type { AlertRow, AlertsData } from './command.ts';

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
