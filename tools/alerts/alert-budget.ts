import { addDays, isoWeekday } from '../../core/calendar.ts';
import { type AlertSeverity, severityRank } from '../../knowledge/alert-rules.ts';

/** An alert waiting to be delivered. */
export interface PendingAlert {
  alert_id: string;
  account_id: string;
  owner: string | null;
  severity: AlertSeverity;
}

/** One DM: every pending alert of one account for its owner, merged into one message. */
export interface DmPlan {
  owner: string;
  account_id: string;
  alert_ids: string[];
  severity: AlertSeverity;
}

export interface DeliveryPlan {
  dms: DmPlan[];
  /** Held back for the owner's digest: over the weekly budget, or no owner to DM. */
  digest: string[];
}

/**
 * Who gets a DM today and what waits for the digest. Alerts of one account merge into one DM;
 * the most severe go first; each owner gets at most `budget(owner)` DMs a week (`sentThisWeek`
 * already spent), except severities in `alwaysDm`, which are sent (and counted) regardless.
 * Pure: the live run and the replay use the same function.
 */
export function planDelivery(
  pending: readonly PendingAlert[],
  sentThisWeek: ReadonlyMap<string, number>,
  budget: (owner: string) => number,
  alwaysDm: readonly AlertSeverity[],
): DeliveryPlan {
  const groups = new Map<string, DmPlan>();
  const digest: string[] = [];
  for (const a of pending) {
    if (!a.owner) {
      digest.push(a.alert_id);
      continue;
    }
    const key = `${a.owner}\u0000${a.account_id}`;
    const g = groups.get(key);
    if (!g)
      groups.set(key, {
        owner: a.owner,
        account_id: a.account_id,
        alert_ids: [a.alert_id],
        severity: a.severity,
      });
    else {
      g.alert_ids.push(a.alert_id);
      if (severityRank(a.severity) < severityRank(g.severity)) g.severity = a.severity;
    }
  }
  const ordered = [...groups.values()].sort(
    (x, y) => severityRank(x.severity) - severityRank(y.severity) || x.account_id.localeCompare(y.account_id),
  );
  const spent = new Map(sentThisWeek);
  const dms: DmPlan[] = [];
  for (const g of ordered) {
    const used = spent.get(g.owner) ?? 0;
    if (used < budget(g.owner) || alwaysDm.includes(g.severity)) {
      dms.push(g);
      spent.set(g.owner, used + 1);
    } else digest.push(...g.alert_ids);
  }
  return { dms, digest };
}

/** Monday of the ISO week a day falls in: budgets are counted per such week. */
export function weekOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}
