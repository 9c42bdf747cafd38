import { z } from 'zod';
import { findChannel } from '../../facts/signals.ts';
import { forgetTexts, purgeChannelMessages, unlinkChannel } from '../../records/signals.ts';
import { defineCommand } from '../registry-types.ts';
import { renderUnlinkChannel } from './render.ts';

export const UnlinkChannelArgs = z
  .object({
    channel: z.string().regex(/^[CG][A-Z0-9]{4,}$/, 'a Slack channel id, such as C0123ABCD'),
    /** Also delete the channel's stored messages and the signals found in them. */
    purge: z.boolean().default(false),
  })
  .strict();

export const UnlinkChannelData = z.object({
  channel_id: z.string(),
  account_id: z.string(),
  purged_messages: z.number().int(),
});
export type UnlinkChannelData = z.infer<typeof UnlinkChannelData>;

export const unlinkChannelCommand = defineCommand({
  intent: 'unlink_channel',
  title: 'Unlink a customer channel',
  summary:
    'Stops reading a channel for an account; with purge, deletes its stored messages and their signals',
  examples: [],
  triggers: null,
  render: renderUnlinkChannel,
  account: 'none',
  access: { area: 'account_health', write: true, target: 'channel' },
  args: UnlinkChannelArgs,
  result: UnlinkChannelData,
  async run(ctx, args) {
    const channel = await findChannel(ctx.db, args.channel);
    const accountId = channel?.account_id ?? '';
    const purged = await ctx.db.transaction(async (tx) => {
      await unlinkChannel(tx, args.channel);
      if (!args.purge) return 0;
      const keys = await purgeChannelMessages(tx, args.channel);
      await forgetTexts(tx, 'slack', keys);
      return keys.length;
    });
    return {
      data: { channel_id: args.channel, account_id: accountId, purged_messages: purged },
      asOf: ctx.today,
      definitions: {},
    };
  },
});
