import { z } from 'zod';
import { judgeDuplicateSystemPrompt, judgeDuplicateUserPrompt } from '../prompts/judge-duplicate.ts';
import { LlmBudget } from './budget.ts';
import type { LlmGateway } from './gateway.ts';

/** Structured output: the verdict and a short reason, stored and shown with the merge or suggestion. */
export const DuplicateVerdict = z.object({
  same: z.boolean(),
  reason: z.string().max(300),
});
export type DuplicateVerdict = z.infer<typeof DuplicateVerdict>;

/**
 * Whether a new item is the same request as an existing one, asked of the language model (when
 * one is configured) for a pair in the ambiguous similarity band. Both texts are redacted by the
 * gateway and marked as data in the prompt. Throws when the model is unavailable; the caller then
 * leaves the pair to people.
 */
export async function judgeDuplicateWithLlm(
  llm: LlmGateway,
  newItem: string,
  request: string,
): Promise<DuplicateVerdict> {
  const answer = await llm.structured({
    system: judgeDuplicateSystemPrompt(),
    user: judgeDuplicateUserPrompt(newItem, request),
    schema: DuplicateVerdict,
    name: 'duplicate_verdict',
    budget: new LlmBudget(1),
  });
  return { same: answer.same, reason: answer.reason.trim().slice(0, 300) };
}
