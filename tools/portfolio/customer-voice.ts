/** CSAT average of 1–5 ratings, to one decimal, with the count. Null without ratings. Pure. */
export function csatOf(ratings: readonly number[]): { responses: number; average: number } | null {
  if (ratings.length === 0) return null;
  return {
    responses: ratings.length,
    average: Math.round((ratings.reduce((s, r) => s + r, 0) / ratings.length) * 10) / 10,
  };
}
