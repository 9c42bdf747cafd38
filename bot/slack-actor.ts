import type { webApi } from '@slack/bolt';
import { type Actor, teamActor } from '../commands/context.ts';
import type { Logger } from '../core/logger.ts';
import { findUser } from '../facts/team.ts';
import { linkSlackId } from '../records/team.ts';
import type { Queryable } from '../store/db.ts';

/**
 * The team member behind a Slack user: by Slack id, else by the email Slack has for them
 * (users.info, which needs the users:read.email scope) — and then the Slack id is remembered.
 * Null for someone the team has not added yet.
 */
export async function slackActor(
  db: Queryable,
  client: webApi.WebClient,
  slackUserId: string,
  logger: Logger,
): Promise<Actor | null> {
  const known = await findUser(db, slackUserId);
  if (known) return teamActor(known);
  let email: string | undefined;
  try {
    const info = await client.users.info({ user: slackUserId });
    email = info.user?.profile?.email;
  } catch (error) {
    logger.warn(
      { err: (error as Error).message, slackUserId },
      'users.info failed; treating the user as unknown',
    );
  }
  if (!email) return null;
  const user = await findUser(db, email);
  if (!user) return null;
  await linkSlackId(db, user.user_id, slackUserId);
  return teamActor({ ...user, slack_id: user.slack_id ?? slackUserId });
}
