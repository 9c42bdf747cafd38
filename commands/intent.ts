export type { CommandIntent, IntentName } from './intent-names.ts';

import type { IntentName } from './intent-names.ts';

/** What the parser makes of a message, before the account is resolved. */
export interface ParsedIntent {
  text: string;
  intent: IntentName;
  /** The account as typed ("acme"), resolved later against the store. */
  accountMention: string | null;
  args: Record<string, unknown>;
  via: 'rules' | 'llm';
  /** 0–1: how sure the parser is. */
  confidence: number;
}
