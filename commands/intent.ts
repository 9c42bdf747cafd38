export type { CommandIntent, IntentName } from './intent-names.ts';

import type { IntentName } from './intent-names.ts';

/** What the parser makes of a message, before the account is resolved. */
export interface ParsedIntent {
  text: string;
  intent: IntentName;
  /** The account as typed ("acme"), resolved later against the store. */
  accountMention: string | null;
  args: Record<string, unknown>;
  via: 'rules' | 'model' | 'llm';
  /** 0–1: how sure the parser is. */
  confidence: number;
  /**
   * What the rules read whatever the intent: the words with the account's name masked (what the
   * intent model reads), the account's name as written when the store knows it, and every
   * argument found in the words.
   */
  reading?: { probe: string; mention: string | null; args: Record<string, unknown> };
  /** When two or three readings are about as likely: the question back, best first. */
  readings?: IntentReading[];
  /** The intents the words come nearest to, best first (when the intent model read them). */
  nearest?: IntentName[];
}

/** One way to read a message: an intent, the account as written, and the probability the model gives it. */
export interface IntentReading {
  intent: IntentName;
  accountMention: string | null;
  args: Record<string, unknown>;
  probability: number;
}
