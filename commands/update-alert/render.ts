import { renderAlert } from '../alert-rows.ts';
import type { UpdateAlertData } from './command.ts';

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
