import { formatMoney } from '../../core/money.ts';
import type { AccountGlanceData } from './command.ts';

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

/** Terminal text for an account at a glance. Pure. */
export function renderAccountGlance(data: AccountGlanceData, accountName: string): string {
  const h = data.health;
  const change =
    h.change_7d === null
      ? 'no snapshot a week back'
      : `${signed(h.change_7d)} since last week${h.tier_7d && h.tier_7d !== h.tier ? ` (was ${h.tier_7d})` : ''}`;
  const r = data.churn_risk;
  const probability =
    r.probability === null
      ? `no probability: ${r.why_no_probability ?? 'no model'}`
      : `${Math.round(r.probability * 100)}% churn probability`;
  const lines = [
    `${accountName} at a glance — as of ${data.as_of}`,
    `Health: ${h.score ?? '—'} ${h.tier} (${change})`,
    `Churn risk: ${r.level.toUpperCase()}; ${probability}${r.drivers.length > 0 ? ` — ${r.drivers.join('; ')}` : ''}`,
    `ARR ${formatMoney(Math.round(data.arr * 100))}; ${
      data.renewal_date
        ? `renews ${data.renewal_date} (in ${data.days_to_renewal} days)`
        : 'no renewal date on record'
    }`,
    data.open_alerts.length === 0
      ? 'Open alerts: none'
      : `Open alerts: ${data.open_alerts.map((a) => `${a.rule} (${a.severity})`).join('; ')}`,
    data.last_touch
      ? `Last touch: ${data.last_touch.kind} on ${data.last_touch.at.slice(0, 10)}${data.last_touch.by ? ` by ${data.last_touch.by}` : ''}`
      : 'Last touch: none on record',
    data.latest_said
      ? `Latest they said (${data.latest_said.kind.replace(/_/g, ' ')}, ${data.latest_said.at.slice(0, 10)}): "${data.latest_said.quote}"`
      : 'Latest they said: nothing with a signal in the lookback',
    '',
    `Next: ${data.next.map((n) => n.label).join(' · ')} (e.g. "${data.next[0]?.intent.replace('_', ' ')} ${accountName}")`,
  ];
  return lines.join('\n');
}
