import type { Logger } from '../core/logger.ts';
import { requestingItems, unannouncedRoadmapChanges } from '../facts/roadmap.ts';
import { claimRoadmapChange, releaseRoadmapChange } from '../records/roadmap.ts';
import type { Db } from '../store/db.ts';
import type { AlertNotifier, RoadmapAnnouncement } from './alert-notifier.ts';

/**
 * Posts each roadmap status change not yet announced to its item's owner channel, once: a change
 * is claimed before it is posted, and released again when the post fails (the next pass retries).
 * Returns how many were posted.
 */
export async function announceRoadmapChanges(
  db: Db,
  notifier: AlertNotifier,
  now: string,
  logger: Logger,
): Promise<number> {
  const pending = await unannouncedRoadmapChanges(db);
  if (pending.length === 0) return 0;
  const asking = await requestingItems(db, [...new Set(pending.map((c) => c.roadmap_key))]);
  let posted = 0;
  for (const change of pending) {
    if (!(await claimRoadmapChange(db, change.change_id, now))) continue;
    const rows = asking.filter((r) => r.roadmap_key === change.roadmap_key);
    const announcement: RoadmapAnnouncement = {
      ...change,
      accounts: new Set(rows.map((r) => r.account_id)).size,
      items: rows.length,
    };
    try {
      await notifier.roadmapChange(announcement);
      posted++;
    } catch (error) {
      await releaseRoadmapChange(db, change.change_id);
      logger.warn(
        { roadmap: change.roadmap_key, err: (error as Error).message },
        'roadmap status change not posted; the next pass tries again',
      );
    }
  }
  return posted;
}
