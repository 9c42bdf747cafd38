/** NPS from 0–10 scores: % promoters (9–10) − % detractors (0–6), with the counts. Null without responses. Pure. */
export function npsOf(scores: readonly number[]): {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  score: number;
} | null {
  if (scores.length === 0) return null;
  const promoters = scores.filter((s) => s >= 9).length;
  const detractors = scores.filter((s) => s <= 6).length;
  return {
    responses: scores.length,
    promoters,
    passives: scores.length - promoters - detractors,
    detractors,
    score: Math.round(((promoters - detractors) / scores.length) * 1000) / 10,
  };
}

/** CSAT average of 1–5 ratings, to one decimal, with the count. Null without ratings. Pure. */
export function csatOf(ratings: readonly number[]): { responses: number; average: number } | null {
  if (ratings.length === 0) return null;
  return {
    responses: ratings.length,
    average: Math.round((ratings.reduce((s, r) => s + r, 0) / ratings.length) * 10) / 10,
  };
}
