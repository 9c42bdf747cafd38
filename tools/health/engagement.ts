import { severityOf, TICKET_SEVERITIES } from '../../core/tickets.ts';
import type { HealthModel } from '../../knowledge/health-model.ts';
import type { AccountHealthData } from './account-health-data.ts';
import { bandScore } from './band-score.ts';
import { type DimensionScore, dimensionFrom, type HealthInput, missingInput } from './health-types.ts';
import { usageTrend } from './product-usage.ts';
import { touchRecency } from './touch-recency.ts';

/** Engagement: login trend, support load in 30 days (by severity), and the last proactive touch. */
export function engagement(data: AccountHealthData, model: HealthModel): DimensionScore {
  const inputs: HealthInput[] = [
    usageTrend(data, model, 'wau', 'login_trend', 'logins (weekly active users)'),
  ];
  const weights = model.ticket_severity_weight;
  const load = data.tickets30d.reduce((s, t) => s + weights[severityOf(t.severity)], 0);
  const bySeverity = TICKET_SEVERITIES.map(
    (sev) =>
      [sev.toUpperCase(), data.tickets30d.filter((t) => severityOf(t.severity) === sev).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([sev, n]) => `${n} ${sev}`);
  inputs.push({
    name: 'ticket_load_30d',
    value: load,
    score: bandScore(load, model.bands.ticket_load_30d),
    as_of:
      data.tickets30d
        .map((t) => t.opened_at.slice(0, 10))
        .sort()
        .at(-1) ?? null,
    detail:
      data.tickets30d.length === 0
        ? 'no support tickets in 30 days'
        : `${bySeverity.join(', ')} ticket${data.tickets30d.length > 1 ? 's' : ''} in 30 days`,
  });
  inputs.push(
    touchRecency(
      'days_since_proactive_touch',
      'proactive touch',
      data.lastProactiveTouch,
      data.hasTouchpoints,
      data.asOf,
      model.bands.days_since_proactive_touch,
    ),
  );
  inputs.push(missingInput('community_activity', 'community activity is not tracked'));
  // No tickets, with nothing else known, is silence rather than evidence of a happy customer.
  const quietOnly =
    data.tickets30d.length === 0 && inputs.every((i) => i.score === null || i.name === 'ticket_load_30d');
  if (quietOnly)
    return {
      ...dimensionFrom(
        inputs.map((i) => (i.name === 'ticket_load_30d' ? { ...i, score: null } : i)),
        'no usage or touchpoint data (no tickets alone is not evidence of engagement)',
      ),
    };
  return dimensionFrom(inputs, 'no usage, ticket or touchpoint data');
}
