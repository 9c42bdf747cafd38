export interface Neighbour {
  feedbackId: string;
  /** The neighbour's canonical item, or null when it is canonical itself. */
  canonicalId: string | null;
  similarity: number;
}

export interface DedupDecision {
  canonicalId: string;
  similarity: number;
}

/**
 * Which canonical item a new item joins: the nearest neighbour at or above the threshold (its own
 * canonical when it is a duplicate itself, so clusters never chain), skipping canonicals the item
 * was marked "not a duplicate" of. Null: the item is a new canonical. Pure.
 */
export function dedupDecision(
  neighbours: readonly Neighbour[],
  threshold: number,
  notDuplicateOf: ReadonlySet<string> = new Set(),
): DedupDecision | null {
  const ranked = [...neighbours].sort(
    (a, b) => b.similarity - a.similarity || a.feedbackId.localeCompare(b.feedbackId),
  );
  for (const n of ranked) {
    if (n.similarity < threshold) break;
    const canonicalId = n.canonicalId ?? n.feedbackId;
    if (notDuplicateOf.has(canonicalId)) continue;
    return { canonicalId, similarity: Math.round(n.similarity * 10_000) / 10_000 };
  }
  return null;
}
