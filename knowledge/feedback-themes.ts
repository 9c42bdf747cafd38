import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

export const THEME_IDS = [
  'bug',
  'performance',
  'security_compliance',
  'support_experience',
  'feature_request',
  'integration',
  'usability',
  'billing_pricing',
  'onboarding',
  'churn_intent',
  'praise',
] as const;
export type ThemeId = (typeof THEME_IDS)[number];

export const FEEDBACK_OWNERS = ['csm', 'product', 'support', 'sales', 'marketing'] as const;
export type FeedbackOwner = (typeof FEEDBACK_OWNERS)[number];

/**
 * The theme taxonomy with each theme's owner and lexicon (knowledge/feedback/themes.json). Themes
 * are listed in precedence order: when several match, the first listed is the primary theme.
 */
export const FeedbackThemes = z
  .object({
    themes: z
      .array(
        z
          .object({
            id: z.enum(THEME_IDS),
            label: z.string(),
            owner: z.enum(FEEDBACK_OWNERS),
            keywords: z.array(z.string().min(2)).min(1),
          })
          .strict(),
      )
      .refine(
        (t) => THEME_IDS.every((id) => t.some((x) => x.id === id)),
        `needs every theme: ${THEME_IDS.join(', ')}`,
      )
      .refine((t) => new Set(t.map((x) => x.id)).size === t.length, 'a theme is listed twice'),
    fallback: z.enum(THEME_IDS),
  })
  .strict();
export type FeedbackThemes = z.infer<typeof FeedbackThemes>;

let cached: FeedbackThemes | undefined;
export function feedbackThemes(): FeedbackThemes {
  cached ??= loadKnowledge('feedback/themes.json', FeedbackThemes);
  return cached;
}

/** One theme's entry in the taxonomy. */
export function themeEntry(taxonomy: FeedbackThemes, id: ThemeId): FeedbackThemes['themes'][number] {
  return taxonomy.themes.find((t) => t.id === id) as FeedbackThemes['themes'][number];
}
