import type { CustomerMessage } from '../../store/repositories/customer-channels.ts';
import { type MessageAuthor, messageSide, type SideContext } from './message-side.ts';

/** A message as Slack's history, replies and events give it (the fields read). */
export interface SlackMessage {
  ts: string;
  thread_ts?: string;
  user?: string;
  bot_id?: string;
  /** The author's workspace (Slack Connect members come from another). */
  user_team?: string;
  team?: string;
  subtype?: string;
  text?: string;
  reply_count?: number;
  edited?: { ts: string };
}

/** Subtypes that are not someone saying something (joins, topic changes, pins…). */
const NOT_SPEECH = new Set([
  'channel_join',
  'channel_leave',
  'channel_topic',
  'channel_purpose',
  'channel_name',
  'channel_archive',
  'channel_unarchive',
  'group_join',
  'group_leave',
  'pinned_item',
  'unpinned_item',
  'bot_add',
  'bot_remove',
]);

/** A message worth keeping: said by someone, with words in it, at a time Slack gave. Pure. */
export const isSpeech = (m: SlackMessage): boolean =>
  !NOT_SPEECH.has(m.subtype ?? '') &&
  typeof m.text === 'string' &&
  m.text.trim() !== '' &&
  /^\d{9,}\.\d+$/.test(m.ts);

/** Slack's ts (seconds since the epoch) as an ISO time. Pure. */
export const tsToIso = (ts: string): string => new Date(Math.round(Number(ts) * 1000)).toISOString();

/** What is known of each author, by Slack user id (email and workspace, from users.info). */
export type AuthorLookup = (
  userId: string,
) => { email: string | null; teamId: string | null; name: string | null } | null;

/**
 * One Slack message as a row of the account's conversation: its side (bot, our team, the
 * customer), its thread, its time and text. A reply's thread is its parent's ts. Pure.
 */
export function messageRow(
  m: SlackMessage,
  at: { channel: string; accountId: string },
  authors: AuthorLookup,
  context: SideContext,
): CustomerMessage {
  const known = m.user ? authors(m.user) : null;
  const author: MessageAuthor = {
    userId: m.user ?? null,
    botId: m.bot_id ?? (m.subtype === 'bot_message' ? 'bot' : null),
    teamId: m.user_team ?? m.team ?? known?.teamId ?? null,
    email: known?.email ?? null,
  };
  return {
    channel_id: at.channel,
    ts: m.ts,
    account_id: at.accountId,
    thread_ts: m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : null,
    author_id: m.user ?? m.bot_id ?? null,
    author_name: known?.name ?? null,
    side: messageSide(author, context),
    text: m.text ?? '',
    at: tsToIso(m.ts),
    edited_at: m.edited ? tsToIso(m.edited.ts) : null,
  };
}
