import type { StoredAlert } from '../store/repositories/alerts.ts';
import type { RoadmapChange } from '../store/repositories/roadmap.ts';
import type { TeamUser } from '../store/repositories/users.ts';
import type { DailyDigest } from '../tools/alerts/daily-digest.ts';
import type { EngagementLevel } from '../tools/health/engagement-level.ts';
import type { LeaderWeek } from './leader-digest.ts';

/** Where a message went: what the send log records (and threads an escalation under). */
export interface Posted {
  channel: string;
  ts: string;
}

/** A roadmap status change as its owner channel sees it: the item and how many asked for it. */
export interface RoadmapAnnouncement extends RoadmapChange {
  title: string;
  owner: string | null;
  accounts: number;
  items: number;
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
  /** A roadmap item's status change, posted to its owner's channel (or the default route). */
  roadmapChange(change: RoadmapAnnouncement): Promise<Posted | null>;
  /** The user's Slack time zone (users.info `tz`), or null when Slack does not say. */
  timeZone(user: TeamUser): Promise<string | null>;
}
