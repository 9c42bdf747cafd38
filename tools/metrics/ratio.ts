/** A ratio reported as numerator, denominator and value; a zero denominator is null, never 0 or ∞. */
export interface Ratio {
  num: number;
  den: number;
  value: number | null;
}

/** Values are rounded to 6 decimal places at output only (METRICS.md §0). */
export function roundRatio(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function ratio(num: number, den: number): Ratio {
  return { num, den, value: den === 0 ? null : roundRatio(num / den) };
}

/** The same ratio with money num/den moved from cents to major units; the value is unchanged. */
export function ratioInUnits(r: Ratio): Ratio {
  return { num: r.num / 100, den: r.den / 100, value: r.value };
}
