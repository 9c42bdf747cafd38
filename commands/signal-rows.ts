import { z } from 'zod';
import type { StoredSignal } from '../facts/signals.ts';
import { SIGNAL_KINDS, SIGNAL_WORDS, signalSettings } from '../knowledge/customer-signals.ts';

/** One signal as answers show it: the kind, the customer's words, when, who wrote them, and where. */
export const SignalRow = z.object({
  account_id: z.string(),
  kind: z.enum(SIGNAL_KINDS),
  confidence: z.number(),
  quote: z.string(),
  at: z.string(),
  side: z.enum(['customer', 'team', 'bot']),
  source: z.enum(['slack', 'feedback', 'ticket', 'note']),
  link: z.string().nullable(),
});
export type SignalRow = z.infer<typeof SignalRow>;

export const signalRow = (s: StoredSignal): SignalRow => ({
  account_id: s.account_id,
  kind: s.kind as SignalRow['kind'],
  confidence: Number(s.confidence),
  quote: s.quote,
  at: new Date(s.at).toISOString(),
  side: s.side,
  source: s.source,
  link: s.link,
});

/** How the signals are found, for an answer's definitions. */
export const SIGNALS_DEFINITION = (): string =>
  `signals in customer texts (channel messages, feedback, ticket subjects and bodies, call notes) found by the detector at the ${signalSettings().sensitivity} sensitivity (knowledge/signals); each keeps the quote, the date, the author's side and a link (docs/customer-signals.md)`;

/** A kind as stored (any string) in words. */
export const signalWords = (kind: string): string => SIGNAL_WORDS[kind as SignalRow['kind']] ?? kind;

/** One signal in a line: `2026-11-20 churn intent (customer, slack): "…"`. */
export const signalLine = (s: SignalRow): string =>
  `${s.at.slice(0, 10)} ${SIGNAL_WORDS[s.kind]} (${s.side}, ${s.source}${s.link ? ` ${s.link}` : ''}): “${s.quote}”`;

/** "What they told us": the newest signals a plan shows, with their quotes. */
export const ToldUs = z.array(SignalRow);

/** The plan's "what they told us" lines (none when nothing was said). Pure. */
export const toldUsLines = (rows: readonly SignalRow[]): string[] =>
  rows.length === 0 ? [] : ['', 'What they told us:', ...rows.map((r) => `  • ${signalLine(r)}`)];
