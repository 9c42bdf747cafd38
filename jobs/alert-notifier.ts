import type { StoredAlert } from '../store/repositories/alerts.ts';
import type { TeamUser } from '../store/repositories/users.ts';
import type { DailyDigest } from '../tools/alerts/daily-digest.ts';
import type { EngagementLevel } from '../tools/health/engagement-level.ts';
import type { LeaderWeek } from './leader-digest.ts';

/** Where a message went: what the send log records (and threads an escalation under). */
export interface Posted {
  channel: string;
  ts: string;
}

/**
 * How the scheduler reaches people: Slack in production (bot/alert-notifier.ts), absent when
 * Slack is not configured (alerts are still raised, and `cse alerts` shows them).
 */
export interface AlertNotifier {
  /** One DM to an account's CSM with that account's new alerts. */
  /** One account's new alerts, with the account's engagement level when its usage is on record. */
  alertDm(to: TeamUser, alerts: readonly StoredAlert[], engagement?: EngagementLevel | null): Promise<Posted>;
  /** An unacknowledged critical alert: posted once in its DM's thread, naming the leader. */
  escalation(alert: StoredAlert, leader: TeamUser | null): Promise<Posted>;
  /** A CSM's daily digest. */
  digest(to: TeamUser, digest: DailyDigest): Promise<Posted>;
  /** A leader's weekly dashboard: the open alerts per CSM, with the portfolio review as that leader. */
  leaderDigest(to: { user: TeamUser } | { channel: string }, week: LeaderWeek): Promise<Posted>;
  /** The user's Slack time zone (users.info `tz`), or null when Slack does not say. */
  timeZone(user: TeamUser): Promise<string | null>;
}
