import type { FeedbackLoopSettings } from '../../knowledge/feedback-loop.ts';

/** The NPS bands (knowledge/feedback/loop.json `nps`): the highest score of each category. */
export type NpsBands = FeedbackLoopSettings['nps'];
export type NpsCategory = 'detractor' | 'passive' | 'promoter';

/**
 * The one NPS category rule (the NPS action framework): detractor 0–6, passive 7–8, promoter 9–10
 * with the default bands. Feedback routing, sentiment, the NPS score, advocacy and the detractor
 * alert all read it.
 */
export function npsCategory(score: number | null, bands: NpsBands): NpsCategory | null {
  if (score === null) return null;
  if (score <= bands.detractor.max) return 'detractor';
  if (score <= bands.passive.max) return 'passive';
  return 'promoter';
}

/** NPS from 0–10 scores: % promoters − % detractors, with the counts. Null without responses. */
export function npsOf(
  scores: readonly number[],
  bands: NpsBands,
): { responses: number; promoters: number; passives: number; detractors: number; score: number } | null {
  if (scores.length === 0) return null;
  const count = (c: NpsCategory) => scores.filter((s) => npsCategory(s, bands) === c).length;
  const promoters = count('promoter');
  const detractors = count('detractor');
  return {
    responses: scores.length,
    promoters,
    passives: scores.length - promoters - detractors,
    detractors,
    score: Math.round(((promoters - detractors) / scores.length) * 1000) / 10,
  };
}

/** "promoters (9–10) … detractors (0–6)": the bands in words, for definitions. */
export const npsBandsInWords = (bands: NpsBands): string =>
  `promoters (${bands.passive.max + 1}–10), passives (${bands.detractor.max + 1}–${bands.passive.max}), detractors (0–${bands.detractor.max})`;
