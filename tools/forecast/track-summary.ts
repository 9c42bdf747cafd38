/**
 * How a forecast's past quarters did, in two figures: the share whose actual fell inside P10–P90,
 * and the mean absolute error of P50 (in cents, and as a share of the ARR due). Pure.
 */
export interface TrackSummaryFigures {
  quarters: number;
  inside: number;
  coverage: number;
  p50MaeCents: number;
  p50MaeShare: number;
}

export function trackSummary(
  quarters: readonly { dueCents: number; p50Cents: number; actualCents: number; inside: boolean }[],
): TrackSummaryFigures | null {
  const n = quarters.length;
  if (n === 0) return null;
  const inside = quarters.filter((q) => q.inside).length;
  const error = quarters.reduce((s, q) => s + Math.abs(q.p50Cents - q.actualCents), 0);
  const due = quarters.reduce((s, q) => s + q.dueCents, 0);
  return {
    quarters: n,
    inside,
    coverage: inside / n,
    p50MaeCents: Math.round(error / n),
    p50MaeShare: due === 0 ? 0 : error / due,
  };
}
