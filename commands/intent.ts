import { z } from 'zod';
import { INTENT_NAMES, type IntentName as IntentNameType } from './intent-names.ts';

export type { CommandIntent } from './intent-names.ts';
export { INTENT_NAMES };

export const IntentName = z.enum(INTENT_NAMES);
export type IntentName = IntentNameType;

/** What the parser makes of a message, before the account is resolved. */
export const ParsedIntent = z.object({
  text: z.string(),
  intent: IntentName,
  /** The account as typed ("acme"), resolved later against the store. */
  accountMention: z.string().nullable(),
  args: z.record(z.string(), z.unknown()),
  via: z.enum(['rules', 'llm']),
  /** 0–1: how sure the parser is. */
  confidence: z.number().min(0).max(1),
});
export type ParsedIntent = z.infer<typeof ParsedIntent>;
