import { addDays, endOfDay } from '../core/calendar.ts';
import { healthModel } from '../knowledge/health-model.ts';
import type { QbrPlaybook } from '../knowledge/qbr-playbook.ts';
import type { Queryable } from '../store/db.ts';
import { healthScore } from '../tools/health/health-score.ts';
import { getAccount } from './accounts.ts';
import { contactsForAccount } from './contacts.ts';
import { feedbackForAccount } from './feedback.ts';
import { goalsForAccount } from './goals.ts';
import { healthData, snapshotOnOrBefore } from './health.ts';
import { accountRisk } from './risk.ts';
import { listUsers } from './team.ts';
import { openTicketsOn } from './tickets.ts';
import { touchpointsForAccount } from './touchpoints.ts';
import { usageForAccount } from './usage.ts';

/** Everything a QBR prep reads about one account on a day, in one round of reads. */
export type QbrFacts = Awaited<ReturnType<typeof qbrFacts>>;

/**
 * The facts a QBR is prepared from: the account and its risk picture, contacts, goals, the tickets
 * open at the end of the day, a year of touchpoints, usage and feedback over the playbook's window,
 * the latest snapshot, the health score at each look-back, and the team.
 */
export async function qbrFacts(db: Queryable, accountId: string, asOf: string, playbook: QbrPlaybook) {
  const from = addDays(asOf, -(playbook.usage_window_days - 1));
  const dayEnd = endOfDay(asOf);
  const [risk, row, contacts, goals, tickets, touches, usage, feedback, snapshot, history, users] =
    await Promise.all([
      accountRisk(db, accountId, asOf),
      getAccount(db, accountId),
      contactsForAccount(db, accountId),
      goalsForAccount(db, accountId),
      openTicketsOn(db, accountId, asOf),
      touchpointsForAccount(db, accountId, { from: addDays(asOf, -365), to: dayEnd }),
      usageForAccount(db, accountId, { from, to: asOf }),
      feedbackForAccount(db, accountId, { from, to: dayEnd }),
      snapshotOnOrBefore(db, accountId, asOf),
      Promise.all(
        playbook.health_lookback_days.map(async (days) => {
          const [then] = await healthData(db, addDays(asOf, -days), [accountId]);
          return then ? { days, health: healthScore(then, healthModel()) } : null;
        }),
      ),
      listUsers(db),
    ]);
  return { risk, row, contacts, goals, tickets, touches, usage, feedback, snapshot, history, users };
}
