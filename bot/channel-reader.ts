import { webApi } from '@slack/bolt';
import type { Config } from '../core/config.ts';
import type { ChannelHistoryReader, SlackAuthor } from '../jobs/channel-backfill.ts';
import type { SlackMessage } from '../tools/signals/channel-messages.ts';

const PAGE = 200;

/**
 * The back-fill's reader over the Web API: conversations.history page by page (the cursor is the
 * job's to keep), conversations.replies for each thread, users.info for each author once. The
 * SDK waits out a 429's Retry-After and tries again, as it does for every other call.
 */
export function slackChannelReader(client: webApi.WebClient, pageSize = PAGE): ChannelHistoryReader {
  const authors = new Map<string, Promise<SlackAuthor | null>>();
  let team: Promise<string | null> | null = null;
  return {
    async history(channel, oldest, cursor) {
      const page = await client.conversations.history({
        channel,
        oldest,
        limit: pageSize,
        ...(cursor ? { cursor } : {}),
      });
      const next = page.response_metadata?.next_cursor;
      return { messages: (page.messages ?? []) as SlackMessage[], next: page.has_more && next ? next : null };
    },
    async replies(channel, threadTs) {
      const out: SlackMessage[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.conversations.replies({
          channel,
          ts: threadTs,
          limit: pageSize,
          ...(cursor ? { cursor } : {}),
        });
        out.push(...((page.messages ?? []) as SlackMessage[]).filter((m) => m.ts !== threadTs));
        cursor = page.has_more ? page.response_metadata?.next_cursor || undefined : undefined;
      } while (cursor);
      return out;
    },
    teamId() {
      team ??= client.auth.test().then((r) => (r.team_id as string | undefined) ?? null);
      return team;
    },
    author(userId) {
      let found = authors.get(userId);
      if (!found) {
        found = client.users
          .info({ user: userId })
          .then((r) => ({
            email: r.user?.profile?.email ?? null,
            teamId: r.user?.team_id ?? null,
            name: r.user?.real_name ?? r.user?.name ?? null,
          }))
          .catch(() => null);
        authors.set(userId, found);
      }
      return found;
    },
  };
}

/** The reader for a configured Slack app, or null without a bot token. */
export function configuredChannelReader(config: Config): ChannelHistoryReader | null {
  if (!config.SLACK_BOT_TOKEN) return null;
  return slackChannelReader(
    new webApi.WebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL }),
  );
}
