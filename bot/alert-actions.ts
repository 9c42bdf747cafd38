/** Action ids of the buttons on alert DMs; handled in listeners/actions/alerts.ts. */
export const ALERT_ACTION = {
  acknowledge: 'alert_ack',
  snooze: 'alert_snooze',
  snoozeUntil: 'alert_snooze_until',
  playbook: 'alert_playbook',
  notUseful: 'alert_not_useful',
} as const;

/** A select option's value: the alert id and the choice, e.g. `AL-000012|inputs`. */
export const alertChoice = (alertId: string, choice: string) => `${alertId}|${choice}`;

export function parseAlertChoice(value: string | undefined): { alert_id: string; choice: string } | null {
  const [alert_id, choice] = (value ?? '').split('|');
  return alert_id && choice ? { alert_id, choice } : null;
}
