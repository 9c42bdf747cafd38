import { type Neighbour, rankNeighbours } from './dedup-decision.ts';

export interface DuplicateSuggestion {
  /** The request the item may belong to (a neighbour's own canonical item). */
  candidateId: string;
  similarity: number;
  /** Subject words both share ("export"), shown with the suggestion; may be empty. */
  sharedSubjects: string[];
}

export interface SuggestionRule<N extends Neighbour> {
  /** Neighbours below this are not worth a person's look. */
  suggestFrom: number;
  /** At most this many suggestions. */
  limit: number;
  /** Shared subject words with a neighbour. */
  subjects: (neighbour: N) => string[];
}

/**
 * Up to `limit` requests an item that was not merged may belong to: the nearest neighbours at or
 * above `suggestFrom`, one per request (a neighbour that is a duplicate stands for its canonical),
 * leaving out requests a person already decided on for this item. Pure.
 */
export function duplicateSuggestions<N extends Neighbour>(
  neighbours: readonly N[],
  rule: SuggestionRule<N>,
  decided: ReadonlySet<string> = new Set(),
): DuplicateSuggestion[] {
  const out: DuplicateSuggestion[] = [];
  for (const n of rankNeighbours(neighbours)) {
    if (n.similarity < rule.suggestFrom || out.length >= rule.limit) break;
    const candidateId = n.canonicalId ?? n.feedbackId;
    if (decided.has(candidateId) || out.some((s) => s.candidateId === candidateId)) continue;
    out.push({
      candidateId,
      similarity: Math.round(n.similarity * 100) / 100,
      sharedSubjects: rule.subjects(n),
    });
  }
  return out;
}
