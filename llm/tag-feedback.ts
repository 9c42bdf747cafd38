import { z } from 'zod';
import { type FeedbackThemes, THEME_IDS, themeEntry } from '../knowledge/feedback-themes.ts';
import { tagFeedbackSystemPrompt, tagFeedbackUserPrompt } from '../prompts/tag-feedback.ts';
import type { FeedbackTags } from '../tools/feedback/theme-tagger.ts';
import { LlmBudget } from './budget.ts';
import type { LlmGateway } from './gateway.ts';

/** Structured output constrained to the taxonomy: a theme outside it cannot be returned. */
const ThemeAnswer = z.object({
  primary: z.enum(THEME_IDS),
  themes: z.array(z.enum(THEME_IDS)),
});

/**
 * Themes from the language model (when one is configured): enum-constrained structured output,
 * the text redacted by the gateway and marked as data in the prompt. Throws when the model is
 * unavailable; the caller keeps the classifier's tags then.
 */
export async function tagWithLlm(
  llm: LlmGateway,
  text: string,
  taxonomy: FeedbackThemes,
): Promise<FeedbackTags> {
  const answer = await llm.structured({
    system: tagFeedbackSystemPrompt(taxonomy.themes),
    user: tagFeedbackUserPrompt(text),
    schema: ThemeAnswer,
    name: 'feedback_themes',
    budget: new LlmBudget(1),
  });
  const themes = [answer.primary, ...answer.themes.filter((t) => t !== answer.primary)];
  return {
    primary: answer.primary,
    themes,
    matched: [],
    via: 'llm',
    confidence: null,
    owner: themeEntry(taxonomy, answer.primary).owner,
    ranked: themes,
  };
}
