/** One pair a person decided on: merged (the same request) or not a duplicate. */
export interface DecidedPair {
  similarity: number;
  decision: 'merged' | 'not_duplicate';
}

export interface ThresholdQuality {
  threshold: number;
  /** Of the decided pairs at or above the threshold, the share people merged (1 when none is). */
  precision: number;
  /** Of the pairs people merged, the share at or above the threshold. */
  recall: number;
  /** Decided pairs at or above the threshold. */
  above: number;
}

/** How an auto-merge threshold does on the team's decided pairs. Pure. */
export function thresholdQuality(pairs: readonly DecidedPair[], threshold: number): ThresholdQuality {
  const above = pairs.filter((p) => p.similarity >= threshold);
  const merged = pairs.filter((p) => p.decision === 'merged');
  const right = above.filter((p) => p.decision === 'merged').length;
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    threshold,
    precision: above.length === 0 ? 1 : round(right / above.length),
    recall: merged.length === 0 ? 0 : round(right / merged.length),
    above: above.length,
  };
}

/**
 * The lowest threshold, among the similarities people decided on, whose auto-merges would have
 * been right at least `targetPrecision` of the time on those pairs; never below `floor`. Null
 * while fewer than `minimumPairs` pairs are decided: too few to move a threshold on. Pure.
 */
export function calibratedThreshold(
  pairs: readonly DecidedPair[],
  options: { targetPrecision: number; minimumPairs: number; floor: number },
): ThresholdQuality | null {
  if (pairs.length < options.minimumPairs) return null;
  const candidates = [...new Set(pairs.map((p) => Math.round(p.similarity * 100) / 100))]
    .filter((t) => t >= options.floor)
    .sort((a, b) => a - b);
  for (const t of candidates) {
    const q = thresholdQuality(pairs, t);
    if (q.precision >= options.targetPrecision) return q;
  }
  return null;
}
