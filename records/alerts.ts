/**
 * The alerts the daily run raises and people act on: their lifecycle, owners, sends and digests.
 *
 * Commands, jobs and Slack surfaces write (and read back what they wrote) through records/, never
 * through store/repositories (DESIGN §14); business facts are read through facts/.
 */
export {
  type AlertHistoryEntry,
  accountsWithLiveAlert,
  accountsWithOpenPlay,
  alertHistory,
  alertsById,
  alertsChangedOn,
  applyAlertTransitions,
  claimSend,
  dmsSent,
  findAlert,
  heldForDigest,
  listAlerts,
  liveAlerts,
  liveAlertsOfFormerCustomers,
  markSendFailed,
  markSent,
  moveAlertsToCurrentOwners,
  notUsefulByRule,
  openAlertsByOwner,
  pendingAlerts,
  planSend,
  recordDelivered,
  recordDigested,
  recordEscalated,
  type StoredAlert,
  setAlertDelivery,
  unacknowledgedNotified,
  unsentDms,
  updateAlertByPerson,
} from '../store/repositories/alerts.ts';
