import { type ProbableNeighbour, rankNeighbours } from './dedup-decision.ts';

export interface DuplicateSuggestion {
  /** The request the item may belong to (a neighbour's own canonical item). */
  candidateId: string;
  similarity: number;
  /** The pair model's probability that the item is this request. */
  probability: number;
  /** Subject words both share ("export"), shown with the suggestion; may be empty. */
  sharedSubjects: string[];
}

export interface SuggestionRule<N extends ProbableNeighbour> {
  /** Neighbours whose pair probability is below this are not worth a person's look. */
  suggestFrom: number;
  /** At most this many suggestions. */
  limit: number;
  /** Shared subject words with a neighbour. */
  subjects: (neighbour: N) => string[];
}

/**
 * Up to `limit` requests an item that was not merged may belong to: the most probable neighbours
 * (pair model; ties by similarity) at or above `suggestFrom`, one per request (a neighbour that is a duplicate stands for its canonical),
 * leaving out requests a person already decided on for this item. Pure.
 */
export function duplicateSuggestions<N extends ProbableNeighbour>(
  neighbours: readonly N[],
  rule: SuggestionRule<N>,
  decided: ReadonlySet<string> = new Set(),
): DuplicateSuggestion[] {
  const out: DuplicateSuggestion[] = [];
  const ranked = rankNeighbours(neighbours).sort((a, b) => b.probability - a.probability);
  for (const n of ranked) {
    if (n.probability < rule.suggestFrom || out.length >= rule.limit) break;
    const candidateId = n.canonicalId ?? n.feedbackId;
    if (decided.has(candidateId) || out.some((s) => s.candidateId === candidateId)) continue;
    out.push({
      candidateId,
      similarity: Math.round(n.similarity * 100) / 100,
      probability: Math.round(n.probability * 100) / 100,
      sharedSubjects: rule.subjects(n),
    });
  }
  return out;
}
