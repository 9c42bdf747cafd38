import { formatMoneyShort } from '../../core/money.ts';
import { plural } from '../../tools/text/plural.ts';
import type { BookHomeData } from './command.ts';

const SHOWN = 10;

/** The App Home's figures as text (`cse run book_home`): alerts, renewals, tiers. Pure. */
export function renderBookHome(data: BookHomeData): string {
  const total = data.tiers.reduce((n, t) => n + t.count, 0);
  const arr = data.tiers.reduce((n, t) => n + t.arrCents, 0);
  const lines = [
    `${data.csm ? `${data.csm}'s book` : 'Whole portfolio'}: ${plural(total, 'account')} · ${formatMoneyShort(arr)} ARR · as of ${data.asOf}`,
    '',
    `Open alerts (${data.alerts.length})`,
    ...data.alerts
      .slice(0, SHOWN)
      .map((a) => `  ${a.severity} · ${a.name} — ${a.label}: ${a.reason} (${a.alert_id})`),
    '',
    `Renewals in the next 90 days (${data.renewals.length})`,
    ...data.renewals
      .slice(0, SHOWN)
      .map(
        (r) =>
          `  ${r.renewalDate} (${r.daysToRenewal}d) · ${r.name} · ${formatMoneyShort(r.arrCents)} · ${r.tier ?? 'unscored'}`,
      ),
    '',
    'Accounts by health tier',
    ...data.tiers.map((t) => `  ${t.tier}: ${plural(t.count, 'account')}, ${formatMoneyShort(t.arrCents)}`),
  ];
  return lines.join('\n');
}
