import { z } from 'zod';
import { LlmBudget } from '../../llm/budget.ts';
import type { LlmGateway } from '../../llm/gateway.ts';
import { parseIntentSystemPrompt, parseIntentUserPrompt } from '../../prompts/parse-intent.ts';
import { editDistance } from '../../tools/text/edit-distance.ts';
import type { IntentName, ParsedIntent } from '../intent.ts';
import type { Command } from '../registry-types.ts';
import { nameTokens } from './account-lexicon.ts';

/** Confidence given to an intent the model chose: below the rules' sure matches. */
const LLM_CONFIDENCE = 0.65;

/**
 * Asks the model which command a message the rules could not place is for. The model chooses
 * from the commands' intents only, and the account it names is kept only if the message
 * contains it: the resolver then checks it against the store, so a name the model made up is
 * never used.
 */
export async function parseWithLlm(
  llm: LlmGateway,
  text: string,
  commands: readonly Command[],
  rulesArgs: Record<string, unknown>,
  budget: LlmBudget = new LlmBudget(1),
): Promise<ParsedIntent> {
  const intents = commands.map((c) => c.intent);
  const Choice = z.object({
    intent: z.enum([...intents, 'unknown'] as unknown as [IntentName, ...IntentName[]]),
    account: z.string().nullable(),
  });
  const choice = await llm.structured({
    system: parseIntentSystemPrompt(
      commands.map((c) => ({ intent: c.intent, summary: c.summary, example: c.examples[0] ?? c.intent })),
    ),
    user: parseIntentUserPrompt(text),
    schema: Choice,
    name: 'intent_choice',
    budget,
  });
  const mention = choice.account ? asWritten(choice.account, text) : null;
  return {
    text,
    intent: choice.intent,
    accountMention: mention,
    args: choice.intent === 'unknown' ? {} : rulesArgs,
    via: 'llm',
    confidence: choice.intent === 'unknown' ? 0 : LLM_CONFIDENCE,
  };
}

/**
 * The words of the message the model's account name stands for: the same words, or the closest
 * run of as many words within a typo's distance ("initehc" for "Initech"). Null when the message
 * holds nothing like it: the model made the name up.
 */
function asWritten(account: string, text: string): string | null {
  const words = nameTokens(text);
  const named = nameTokens(account);
  if (named.length === 0 || named.length > words.length) return null;
  const target = named.join(' ');
  let best: { run: string; d: number } | null = null;
  for (let i = 0; i + named.length <= words.length; i++) {
    const run = words.slice(i, i + named.length).join(' ');
    const d = editDistance(run, target);
    if (!best || d < best.d) best = { run, d };
  }
  return best && best.d <= Math.max(1, Math.floor(target.length / 4)) ? best.run : null;
}
