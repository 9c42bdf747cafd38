import type { App, webApi } from '@slack/bolt';
import { run } from '../commands/router.ts';
import { accountsByDomain, findChannel } from '../facts/signals.ts';
import { accountForDomains } from '../tools/signals/message-side.ts';
import { answerQuestionWith, deliver, type Outbox, type SlackDeps, slackContext } from './answer-flow.ts';
import { answerMessage } from './render/answer-message.ts';
import { escapeMrkdwn } from './render/slack-limits.ts';
import { slackActor } from './slack-actor.ts';

/** "link channel Acme", "link this channel to Acme", "unlink channel": what `/cs` reads as a channel link. */
export const CHANNEL_LINK = /^(un)?link\s+(?:this\s+)?channel(?:\s+(?:to\s+)?(.+))?$/i;

/**
 * `/cs link channel Acme` in a channel links it to the account (`/cs unlink channel` unlinks it),
 * through the router as the person who typed it: authorised against the account and audited.
 */
export async function linkFromCommand(
  deps: SlackDeps,
  client: webApi.WebClient,
  command: { user_id: string; channel_id: string; channel_name?: string; text: string },
  outbox: Outbox,
): Promise<void> {
  const [, unlink, account] = CHANNEL_LINK.exec(command.text.trim()) ?? [];
  await answerQuestionWith(
    deps,
    client,
    { slackUserId: command.user_id, channel: command.channel_id, text: command.text },
    outbox,
    (ctx) =>
      unlink
        ? run(ctx, 'unlink_channel', { channel: command.channel_id })
        : run(ctx, 'link_channel', {
            account: account ?? '',
            channel: command.channel_id,
            via: 'slack_command',
            ...(command.channel_name ? { name: command.channel_name } : {}),
          }),
  );
}

/** Every member of a channel, page by page. */
async function channelMembers(client: webApi.WebClient, channel: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await client.conversations.members({ channel, limit: 200, ...(cursor ? { cursor } : {}) });
    out.push(...(page.members ?? []));
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return out;
}

/** The emails of the members from other workspaces (Slack Connect guests). */
async function externalEmails(client: webApi.WebClient, members: readonly string[], ourTeam: string | null) {
  const emails: string[] = [];
  for (const user of members) {
    const info = await client.users.info({ user }).catch(() => null);
    const email = info?.user?.profile?.email;
    if (email && info?.user?.team_id && info.user.team_id !== ourTeam && !info.user.is_bot)
      emails.push(email);
  }
  return emails;
}

const say = (client: webApi.WebClient, channel: string, text: string) =>
  client.chat.postMessage({ channel, text }).then(() => undefined);

/**
 * When the bot is invited to a Slack Connect channel, the external members' email domain names
 * the account: one match is linked (as the person who invited the bot, authorised and audited);
 * none or several, and the channel is asked which account it is, never guessed.
 */
export async function linkSharedChannel(
  deps: SlackDeps,
  client: webApi.WebClient,
  event: { channel: string; inviter?: string },
  ourTeam: string | null,
): Promise<void> {
  if (await findChannel(deps.db, event.channel)) return;
  const info = await client.conversations.info({ channel: event.channel });
  const ask = 'Link it to its account with `/cs link channel <account>`.';
  if (!info.channel?.is_ext_shared)
    return say(client, event.channel, `I read customer channels once they are linked to an account. ${ask}`);
  const emails = await externalEmails(client, await channelMembers(client, event.channel), ourTeam);
  const found = accountForDomains(emails, await accountsByDomain(deps.db, emails));
  if (!found.match) {
    const names = found.candidates.map((c) => escapeMrkdwn(c.name)).join(', ');
    return say(
      client,
      event.channel,
      found.candidates.length > 1
        ? `This channel's guests are from ${found.domains.map(escapeMrkdwn).join(', ')}, which match ${names}. Which account is it? ${ask}`
        : `No account has the domain of this channel's guests (${found.domains.map(escapeMrkdwn).join(', ') || 'none shown'}). ${ask}`,
    );
  }
  const actor = event.inviter ? await slackActor(deps.db, client, event.inviter, deps.logger) : null;
  if (!actor)
    return say(client, event.channel, `This looks like ${escapeMrkdwn(found.match.name)}'s channel. ${ask}`);
  const outbox: Outbox = {
    post: async (m) => {
      await client.chat.postMessage({ channel: event.channel, ...m });
      return async () => undefined;
    },
  };
  await deliver(deps, outbox, 'link channel', async () =>
    answerMessage(
      await run(slackContext(deps, actor, event.channel), 'link_channel', {
        account: found.match?.account_id ?? '',
        channel: event.channel,
        shared: true,
        via: 'slack_connect',
        ...(info.channel?.name ? { name: info.channel.name } : {}),
      }),
    ),
  );
}

/** The bot joining a channel: a Slack Connect channel may link itself. */
export function registerChannelJoins(app: App, deps: SlackDeps): void {
  app.event('member_joined_channel', async ({ event, client, context, body }) => {
    if (!context.botUserId || event.user !== context.botUserId) return;
    try {
      await linkSharedChannel(deps, client, event, (body as { team_id?: string }).team_id ?? null);
    } catch (error) {
      deps.logger.warn(
        { channel: event.channel, err: (error as Error).message },
        'could not look at a new channel',
      );
    }
  });
}
