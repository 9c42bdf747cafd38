import { z } from 'zod';
import { findChannel } from '../../facts/signals.ts';
import { linkChannel } from '../../records/signals.ts';
import { defineCommand } from '../registry-types.ts';
import { renderLinkChannel } from './render.ts';

export const LinkChannelArgs = z
  .object({
    /** The Slack channel id (C… or G…). */
    channel: z.string().regex(/^[CG][A-Z0-9]{4,}$/, 'a Slack channel id, such as C0123ABCD'),
    name: z.string().max(80).optional(),
    shared: z.boolean().default(false),
    via: z.enum(['slack_command', 'cli', 'slack_connect']).default('cli'),
    /** How far back the history back-fill reads. */
    days: z.coerce.number().int().min(1).max(730).default(365),
  })
  .strict();

export const LinkChannelData = z.object({
  channel_id: z.string(),
  account_id: z.string(),
  account: z.string(),
  /** The account it was linked to before, when it moved. */
  moved_from: z.string().nullable(),
  backfill_days: z.number().int(),
  backfill: z.literal('pending'),
});
export type LinkChannelData = z.infer<typeof LinkChannelData>;

export const linkChannelCommand = defineCommand({
  intent: 'link_channel',
  title: 'Link a customer channel',
  summary:
    "Links a Slack channel to an account: its messages become the account's conversation history, read for signals; the last days of history are back-filled",
  examples: [],
  triggers: null,
  render: renderLinkChannel,
  account: 'required',
  access: { area: 'account_health', write: true, target: 'channel' },
  args: LinkChannelArgs,
  result: LinkChannelData,
  async run(ctx, args, account) {
    const before = await findChannel(ctx.db, args.channel);
    await ctx.db.transaction((tx) =>
      linkChannel(tx, {
        channel_id: args.channel,
        account_id: account.id,
        name: args.name ?? null,
        shared: args.shared,
        linked_via: args.via,
        linked_by: ctx.actor.id,
        linked_at: ctx.now,
        backfill_days: args.days,
      }),
    );
    return {
      data: {
        channel_id: args.channel,
        account_id: account.id,
        account: account.name,
        moved_from: before && before.account_id !== account.id ? before.account_id : null,
        backfill_days: args.days,
        backfill: 'pending' as const,
      },
      asOf: ctx.today,
      definitions: {
        backfill:
          'the channel’s last days of messages and thread replies, read page by page by the scheduler (cse serve or cse worker) when Slack is configured, and resumable after a restart (docs/slack-setup.md)',
      },
    };
  },
});
