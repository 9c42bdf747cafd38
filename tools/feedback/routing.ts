import type { FeedbackLoopSettings } from '../../knowledge/feedback-loop.ts';
import {
  type FeedbackOwner,
  type FeedbackThemes,
  type ThemeId,
  themeEntry,
} from '../../knowledge/feedback-themes.ts';
import { npsCategory } from './nps.ts';

export interface Routing {
  owner: FeedbackOwner;
  /** ISO time the owner must act by. */
  slaDueAt: string;
  slaHours: number;
}

/** Who owns an item (the theme's owner in the matrix) and by when (the segment's SLA). Pure. */
export function routeFeedback(
  theme: ThemeId,
  segment: string | null,
  receivedAt: string,
  taxonomy: FeedbackThemes,
  settings: FeedbackLoopSettings,
): Routing {
  const slaHours = (segment ? settings.sla_hours[segment] : undefined) ?? settings.default_sla_hours;
  const due = new Date(Date.parse(receivedAt) + slaHours * 3_600_000).toISOString();
  return { owner: themeEntry(taxonomy, theme).owner, slaDueAt: due, slaHours };
}

const NEGATIVE_THEMES: ReadonlySet<ThemeId> = new Set([
  'bug',
  'performance',
  'churn_intent',
  'security_compliance',
  'support_experience',
]);

/** Sentiment from the score when there is one, else from the themes. */
export function feedbackSentiment(
  score: number | null,
  themes: readonly ThemeId[],
  settings: FeedbackLoopSettings,
): 'negative' | 'neutral' | 'positive' {
  const nps = npsCategory(score, settings.nps);
  if (nps) return nps === 'detractor' ? 'negative' : nps === 'passive' ? 'neutral' : 'positive';
  if (themes[0] === 'praise') return 'positive';
  return themes.some((t) => NEGATIVE_THEMES.has(t)) ? 'negative' : 'neutral';
}
