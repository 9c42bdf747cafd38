import { z } from 'zod';
import { addDays } from '../../core/calendar.ts';
import { channelSummaries, recentSignals } from '../../facts/signals.ts';
import { SIGNAL_KINDS, signalSettings } from '../../knowledge/customer-signals.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { SIGNALS_DEFINITION, SignalRow, signalRow } from '../signal-rows.ts';
import { renderSignals } from './render.ts';

export const SignalsArgs = z
  .object({
    as_of: AsOfArg,
    kind: z.enum(SIGNAL_KINDS).optional(),
    /** Days back from as-of (default: the settings' lookback, 90). */
    days: z.coerce.number().int().min(1).max(730).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
  })
  .strict();

export const SignalsData = z.object({
  as_of: z.string(),
  from: z.string(),
  counts: z.record(z.string(), z.number().int()),
  signals: z.array(SignalRow),
  channels: z.array(
    z.object({
      channel_id: z.string(),
      name: z.string().nullable(),
      messages: z.number().int(),
      last_message_at: z.string().nullable(),
    }),
  ),
});
export type SignalsData = z.infer<typeof SignalsData>;

export const signals = defineCommand({
  intent: 'signals',
  title: 'Customer signals',
  summary:
    'What one account has told us, as signals: churn intent, competitors, budget, a champion leaving, escalations, requests, bugs, questions, praise and expansion, each with the quote, date, side and link',
  examples: ['what did Acme say?', 'signals for Globex', 'is Initech talking about cancelling?'],
  triggers: {
    kind: 'account',
    patterns: strong(
      /(?<!warning |early |churn |risk )\bsignals? (?:for|from|of|on|about)\b/,
      /(?<!warning |early |churn |risk )\bsignals\b(?! (?:this|last) (?:week|month))/,
      /\bwhat (?:did|has|have|are|is)\b.{1,40}\b(?:say|said|saying|writ\w*|mention\w*|telling us)\b(?! to us)/,
      /\b(?:did|has|have)\b.{1,30}\b(?:mention\w*|brought up|bring up|raised?|talk\w* about)\b.{0,12}\b(?:competitor\w*|cancel\w*|churn\w*|budget\w*|leaving|renew\w*)\b/,
      /\bquotes? (?:from|by)\b/,
      /\b(?:talking|said anything|saying anything) about (?:cancel\w*|churn\w*|leaving|renew\w*)\b/,
      /\bcustomer (?:voice|signals?|channel)\b/,
    ),
  },
  render: renderSignals,
  account: 'required',
  access: { area: 'account_health', write: false, target: 'account' },
  args: SignalsArgs,
  result: SignalsData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const days = args.days ?? signalSettings().lookback_days;
    const [found, channels] = await Promise.all([
      recentSignals(ctx.db, [account.id], asOf, { ...(args.kind ? { kinds: [args.kind] } : {}), days }),
      channelSummaries(ctx.db, [account.id]),
    ]);
    const counts: Record<string, number> = {};
    for (const s of found) counts[s.kind] = (counts[s.kind] ?? 0) + 1;
    return {
      data: {
        as_of: asOf,
        from: addDays(asOf, -(days - 1)),
        counts,
        signals: found.slice(0, args.limit).map(signalRow),
        channels: channels.map((c) => ({
          channel_id: c.channel_id,
          name: c.name,
          messages: c.messages,
          last_message_at: c.last_message_at ? new Date(c.last_message_at).toISOString() : null,
        })),
      },
      asOf,
      definitions: { signals: SIGNALS_DEFINITION() },
    };
  },
});
