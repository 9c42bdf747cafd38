/**
 * Band functions: a measured value → 0–10 through three bands (poor 0–3, fair 4–6, good 7–10),
 * linear inside each band and monotone across them, so a value inside a band always scores inside
 * that band's range and a better value never scores lower.
 */
export interface Band {
  low: number;
  high: number;
  top: number;
  direction: 'higher_is_better' | 'lower_is_better';
}

export interface TrendBand {
  floor: number;
  low: number;
  high: number;
  top: number;
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
export const round1 = (x: number) => Math.round(x * 10) / 10;

export type BandName = 'poor' | 'fair' | 'good';

export function bandOf(score: number): BandName {
  return score < 4 ? 'poor' : score < 7 ? 'fair' : 'good';
}

/** Higher is better: v < low → 0–3, low ≤ v ≤ high → 4–6, v > high → 7–10 (10 at top). Lower is better mirrors it. */
export function bandScore(value: number, band: Band): number {
  const { low, high, top } = band;
  if (band.direction === 'higher_is_better') {
    if (value < low) return round1(3 * clamp01(value / low));
    if (value <= high) return round1(4 + (2 * (value - low)) / (high - low));
    return round1(7 + 3 * clamp01((value - high) / (top - high)));
  }
  if (value < low) return round1(7 + 3 * clamp01(1 - value / low));
  if (value <= high) return round1(6 - (2 * (value - low)) / (high - low));
  return round1(3 * clamp01(1 - (value - high) / (top - high)));
}

/** A ratio of this period to the last: declining (< low) → 0–3, flat → 4–6, growing (> high) → 7–10. */
export function trendScore(ratio: number, band: TrendBand): number {
  if (ratio < band.low) return round1(3 * clamp01((ratio - band.floor) / (band.low - band.floor)));
  if (ratio <= band.high) return round1(4 + (2 * (ratio - band.low)) / (band.high - band.low));
  return round1(7 + 3 * clamp01((ratio - band.high) / (band.top - band.high)));
}

/** "down 38%", "up 12%", "flat" for a period-over-period ratio. */
export function describeChange(ratio: number): string {
  const pct = Math.round((ratio - 1) * 100);
  if (pct === 0) return 'flat';
  return pct < 0 ? `down ${-pct}%` : `up ${pct}%`;
}
