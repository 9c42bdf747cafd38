import { z } from 'zod';
import { portfolioOn } from '../../facts/portfolio.ts';
import { channelSummaries } from '../../facts/signals.ts';
import { BookScopeData, BookScopeFields, bookFilter, bookScopeData, resolveBook } from '../book-scope.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderChannels } from './render.ts';

export const ChannelsArgs = z.object({ ...BookScopeFields }).strict();

export const ChannelRow = z.object({
  channel_id: z.string(),
  name: z.string().nullable(),
  account_id: z.string(),
  account: z.string(),
  shared: z.boolean(),
  linked_via: z.enum(['slack_command', 'cli', 'slack_connect']),
  linked_by: z.string(),
  linked_at: z.string(),
  messages: z.number().int(),
  last_message_at: z.string().nullable(),
  backfill: z.enum(['pending', 'running', 'done', 'failed']),
  backfill_error: z.string().nullable(),
});
export type ChannelRow = z.infer<typeof ChannelRow>;

export const ChannelsData = z.object({ scope: BookScopeData, channels: z.array(ChannelRow) });
export type ChannelsData = z.infer<typeof ChannelsData>;

const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);

export const channels = defineCommand({
  intent: 'channels',
  title: 'Customer channels',
  summary:
    'The Slack channels linked to the accounts of a book: the account, how each was linked, its messages, its last message and its history back-fill',
  examples: ['customer channels', 'which channels are linked?'],
  triggers: {
    kind: 'book',
    patterns: strong(/\b(?:customer|shared|linked) channels\b/, /\bwhich channels\b/),
  },
  render: renderChannels,
  account: 'none',
  access: { area: 'book_reports', write: false, target: 'book' },
  args: ChannelsArgs,
  result: ChannelsData,
  async run(ctx, args) {
    const book = await resolveBook(ctx, args);
    const { summary } = await portfolioOn(ctx.db, ctx.today, bookFilter(book));
    const ids = book.keys || book.segment ? summary.accounts.map((a) => a.accountId) : null;
    const rows = await channelSummaries(ctx.db, ids);
    return {
      data: {
        scope: bookScopeData(book),
        channels: rows.map((c) => ({
          channel_id: c.channel_id,
          name: c.name,
          account_id: c.account_id,
          account: c.account_name,
          shared: c.shared,
          linked_via: c.linked_via,
          linked_by: c.linked_by,
          linked_at: iso(c.linked_at) ?? '',
          messages: c.messages,
          last_message_at: iso(c.last_message_at),
          backfill: c.backfill_state,
          backfill_error: c.backfill_error,
        })),
      },
      asOf: ctx.today,
      definitions: {
        channels:
          'Slack channels linked to an account (cse channels link); their stored messages are read for signals',
      },
    };
  },
});
