export interface Neighbour {
  feedbackId: string;
  /** The neighbour's canonical item, or null when it is canonical itself. */
  canonicalId: string | null;
  similarity: number;
}

/** Neighbours nearest first, ties by feedback id, so every decision is the same on every run. */
export function rankNeighbours<N extends Neighbour>(neighbours: readonly N[]): N[] {
  return [...neighbours].sort(
    (a, b) => b.similarity - a.similarity || a.feedbackId.localeCompare(b.feedbackId),
  );
}

export interface DedupDecision {
  canonicalId: string;
  similarity: number;
  /** The subject words the judge found in both, when the similarity alone was below the threshold. */
  sharedSubjects: string[];
}

export interface DedupRule<N extends Neighbour> {
  /** At or above: the same request on similarity alone. */
  threshold: number;
  /** From here up to the threshold the judge decides; at or above the threshold it is not asked. */
  judgeFrom: number;
  /** The subject judge (tools/feedback/dedup-judge): shared subject words, or null when not the same request. */
  judge: (neighbour: N) => string[] | null;
}

/**
 * Which canonical item a new item joins: the nearest neighbour at or above the threshold, or in
 * the judge band when the judge says it is the same request (its own canonical when it is a
 * duplicate itself, so clusters never chain), skipping canonicals the item was marked "not a
 * duplicate" of. Null: the item is a new canonical. Pure.
 */
export function dedupDecision<N extends Neighbour>(
  neighbours: readonly N[],
  rule: DedupRule<N>,
  notDuplicateOf: ReadonlySet<string> = new Set(),
): DedupDecision | null {
  for (const n of rankNeighbours(neighbours)) {
    if (n.similarity < rule.judgeFrom) break;
    const canonicalId = n.canonicalId ?? n.feedbackId;
    if (notDuplicateOf.has(canonicalId)) continue;
    const sharedSubjects = n.similarity >= rule.threshold ? [] : rule.judge(n);
    if (sharedSubjects === null) continue;
    return { canonicalId, similarity: Math.round(n.similarity * 10_000) / 10_000, sharedSubjects };
  }
  return null;
}
