import type { RoadmapChange } from '../facts/roadmap.ts';
import type { TeamUser } from '../facts/team.ts';
import type { StoredAlert } from '../records/alerts.ts';
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

/** The day a send is for and the moment it is made: what the router stamps its check with. */
export interface SendTime {
  day: string;
  now: string;
}

/**
 * How the scheduler reaches people: Slack in production (bot/alert-notifier.ts), absent when
 * Slack is not configured (alerts are still raised, and `cse alerts` shows them). Everything a
 * message says about accounts is read through the router as the person it goes to (authorised
 * and audited like a question), so a DM or a digest never shows what that person could not ask
 * for: null means the router refused it, or there was nothing to say, and nothing was posted.
 */
export interface AlertNotifier {
  /** One account's new alerts to `to`, with the account's engagement level when its usage is on record. */
  alertDm(
    to: TeamUser,
    alerts: readonly StoredAlert[],
    engagement: EngagementLevel | null,
    when: SendTime,
  ): Promise<Posted | null>;
  /** An unacknowledged critical alert: posted once in its DM's thread, naming the leader. */
  escalation(alert: StoredAlert, leader: TeamUser | null, when: SendTime): Promise<Posted | null>;
  /** A CSM's daily digest (daily_digest as that CSM); `held_back`: the held-back alerts it showed. */
  digest(to: TeamUser, when: SendTime): Promise<{ posted: Posted | null; held_back: string[] }>;
  /** A leader's weekly dashboard, run as that leader: open alerts per CSM, the portfolio review, top requests. */
  leaderDigest(to: { user: TeamUser } | { channel: string }, week: LeaderWeek): Promise<Posted>;
  /** A roadmap item's status change, posted to its owner channel (or the default route). */
  roadmapChange(change: RoadmapAnnouncement): Promise<Posted | null>;
  /** The user's Slack time zone (users.info `tz`), or null when Slack does not say. */
  timeZone(user: TeamUser): Promise<string | null>;
}
