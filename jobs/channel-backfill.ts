import type { Logger } from '../core/logger.ts';
import { sideContextOf } from '../facts/signals.ts';
import { type CustomerChannel, channelsToBackfill, recordBackfill } from '../records/signals.ts';
import type { Db } from '../store/db.ts';
import {
  type AuthorLookup,
  isSpeech,
  messageRow,
  type SlackMessage,
} from '../tools/signals/channel-messages.ts';
import { type ChannelFeedback, recordMessagesIn, type SignalDetector } from './customer-signals.ts';

/** What is known of a Slack user: their email and workspace (users.info), and name. */
export interface SlackAuthor {
  email: string | null;
  teamId: string | null;
  name: string | null;
}

/** How the back-fill reads Slack (conversations.history and .replies, users.info): a port, so jobs stay free of the SDK. */
export interface ChannelHistoryReader {
  /** One page of history from `oldest` (a Slack ts), and the cursor of the next page (null at the end). */
  history(
    channel: string,
    oldest: string,
    cursor: string | null,
  ): Promise<{ messages: SlackMessage[]; next: string | null }>;
  /** Every reply of a thread, the parent left out. */
  replies(channel: string, threadTs: string): Promise<SlackMessage[]>;
  /** Our workspace's id (auth.test). */
  teamId(): Promise<string | null>;
  author(userId: string): Promise<SlackAuthor | null>;
}

/** The authors of these messages, looked up once each. */
export async function lookupAuthors(
  author: (userId: string) => Promise<SlackAuthor | null>,
  messages: readonly SlackMessage[],
): Promise<AuthorLookup> {
  const ids = [...new Set(messages.flatMap((m) => (m.user ? [m.user] : [])))];
  const found = new Map(await Promise.all(ids.map(async (id) => [id, await author(id)] as const)));
  return (id) => found.get(id) ?? null;
}

export interface BackfillDeps {
  db: Db;
  logger: Logger;
  now: () => string;
  detector: SignalDetector;
  /** Where the customer's requests and bugs go (the feedback loop), after their page is stored. */
  feedback?: ChannelFeedback;
}

/**
 * One channel's history, page by page from where it stopped: each page's messages, their thread
 * replies and the next page's cursor are stored in one transaction, so a process killed mid-way
 * resumes at the page it had not finished and stores every message once.
 */
export async function backfillChannel(
  deps: BackfillDeps,
  reader: ChannelHistoryReader,
  channel: CustomerChannel,
): Promise<{ pages: number; messages: number }> {
  const oldest = String(Math.floor(Date.parse(channel.linked_at) / 1000) - channel.backfill_days * 86_400);
  const context = await sideContextOf(deps.db, channel.account_id, await reader.teamId());
  let cursor = channel.backfill_cursor;
  let pages = 0;
  let messages = 0;
  for (;;) {
    const page = await reader.history(channel.channel_id, oldest, cursor);
    const replies: SlackMessage[] = [];
    for (const parent of page.messages.filter((m) => (m.reply_count ?? 0) > 0))
      replies.push(...(await reader.replies(channel.channel_id, parent.ts)));
    const said = [...page.messages, ...replies].filter(isSpeech);
    const authors = await lookupAuthors((id) => reader.author(id), said);
    const rows = said.map((m) =>
      messageRow(m, { channel: channel.channel_id, accountId: channel.account_id }, authors, context),
    );
    const now = deps.now();
    const { asks } = await deps.db.transaction(async (tx) => {
      const recorded = await recordMessagesIn(tx, rows, now, deps.detector);
      await recordBackfill(tx, channel.channel_id, {
        cursor: page.next,
        state: page.next ? 'running' : 'done',
        at: now,
      });
      return recorded;
    });
    if (deps.feedback && asks.length > 0) await deps.feedback(asks);
    pages += 1;
    messages += rows.length;
    if (!page.next) return { pages, messages };
    cursor = page.next;
  }
}

/**
 * Every linked channel whose history is still to read (new links, and back-fills a restart cut
 * short). A channel Slack refuses (the bot was removed, the channel archived) is marked failed
 * with Slack's reason, which `cse channels` shows; the others go on.
 */
export async function backfillChannels(
  deps: BackfillDeps,
  reader: ChannelHistoryReader,
): Promise<{ channels: number; pages: number; messages: number; failed: number }> {
  const out = { channels: 0, pages: 0, messages: 0, failed: 0 };
  for (const channel of await channelsToBackfill(deps.db)) {
    try {
      const done = await backfillChannel(deps, reader, channel);
      out.channels += 1;
      out.pages += done.pages;
      out.messages += done.messages;
      deps.logger.info({ channel: channel.channel_id, ...done }, 'channel history back-filled');
    } catch (error) {
      out.failed += 1;
      const reason = (error as Error).message;
      deps.logger.warn({ channel: channel.channel_id, err: reason }, 'channel back-fill failed');
      const latest = (await channelsToBackfill(deps.db)).find((c) => c.channel_id === channel.channel_id);
      await recordBackfill(deps.db, channel.channel_id, {
        cursor: latest?.backfill_cursor ?? channel.backfill_cursor,
        state: 'failed',
        error: reason,
        at: deps.now(),
      });
    }
  }
  return out;
}
