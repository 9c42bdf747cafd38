import type { BlockAction, webApi } from '@slack/bolt';
import type { Actor } from '../../../commands/context.ts';
import {
  actorOrExplain,
  channelOutbox,
  type Outbox,
  responseOutbox,
  type SlackDeps,
} from '../../answer-flow.ts';

export type Respond = (m: Record<string, unknown>) => Promise<unknown>;

/** Replies go in the message's thread, or through the response_url when the message was ephemeral. */
export function replyOutbox(body: BlockAction, client: webApi.WebClient, respond: Respond): Outbox {
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  const channel = body.channel?.id;
  if (body.container?.is_ephemeral || !message?.ts || !channel) return responseOutbox(respond);
  return channelOutbox(client, channel, message.thread_ts ?? message.ts);
}

/** Where a click's answer goes and who clicked; null (after a polite answer) for people the team has not added. */
export async function clickedBy(
  deps: SlackDeps,
  body: BlockAction,
  client: webApi.WebClient,
  respond: unknown,
): Promise<{ outbox: Outbox; actor: Actor } | null> {
  const outbox = replyOutbox(body, client, respond as Respond);
  const actor = await actorOrExplain(deps, client, body.user.id, body.channel?.id, null, outbox);
  return actor ? { outbox, actor } : null;
}
