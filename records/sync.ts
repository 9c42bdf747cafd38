/**
 * Connector syncs: their sources, cursors, deferrals, id links and quarantined records.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export { saveSyncLinks, syncLinks } from '../store/repositories/sync-links.ts';
export { type QuarantinedRecord, quarantineRecords } from '../store/repositories/sync-quarantine.ts';
export {
  advanceCursor,
  deferSync,
  markSyncFailed,
  markSyncFinished,
  markSyncStarted,
  syncSource,
  takeDueDeferredSyncs,
} from '../store/repositories/sync-sources.ts';
