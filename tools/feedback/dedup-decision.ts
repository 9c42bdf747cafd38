export interface Neighbour {
  feedbackId: string;
  /** The neighbour's canonical item, or null when it is canonical itself. */
  canonicalId: string | null;
  similarity: number;
}

/** A neighbour with the pair model's probability that it is the same request (tools/feedback/pair-model). */
export interface ProbableNeighbour extends Neighbour {
  probability: number;
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
  /** The pair model's probability, when it made the merge; null when the similarity rule did. */
  probability: number | null;
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
    return { canonicalId, similarity: round(n.similarity, 4), sharedSubjects, probability: null };
  }
  return null;
}

const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

/**
 * The request the pair model is sure an item belongs to: its most probable neighbour at or above
 * `mergeFrom` (the neighbour's own canonical when it is a duplicate), skipping requests the item
 * was marked "not a duplicate" of. Null when none is sure enough. Pure.
 */
export function probableDuplicate<N extends ProbableNeighbour>(
  neighbours: readonly N[],
  mergeFrom: number,
  subjects: (neighbour: N) => string[],
  notDuplicateOf: ReadonlySet<string> = new Set(),
): DedupDecision | null {
  const best = [...neighbours]
    .filter((n) => n.probability >= mergeFrom && !notDuplicateOf.has(n.canonicalId ?? n.feedbackId))
    .sort(
      (a, b) =>
        b.probability - a.probability ||
        b.similarity - a.similarity ||
        a.feedbackId.localeCompare(b.feedbackId),
    )[0];
  if (!best) return null;
  return {
    canonicalId: best.canonicalId ?? best.feedbackId,
    similarity: round(best.similarity, 4),
    sharedSubjects: subjects(best),
    probability: round(best.probability, 4),
  };
}
