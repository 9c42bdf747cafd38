import { renderAlert } from '../alert-rows.ts';
import type { AlertsData } from './command.ts';

/** Terminal text for a book's alerts. Pure. */
export function renderAlerts(data: AlertsData): string {
  const whose = data.scope.csm ? `${data.scope.csm}'s book` : 'the whole team';
  const head = `Alerts — ${data.alerts.length} ${data.state === 'all' ? '' : `${data.state} `}for ${whose}`;
  if (data.alerts.length === 0) return `${head}\nNothing is waiting. cse tick runs today's checks.`;
  return [head, ...data.alerts.map(renderAlert)].join('\n\n');
}
