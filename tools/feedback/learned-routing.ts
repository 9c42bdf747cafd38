import type { FeedbackOwner, ThemeId } from '../../knowledge/feedback-themes.ts';

/** A stored item a person corrected (reassigned), near the new one. */
export interface CorrectedNeighbour {
  feedbackId: string;
  /** The owner a person gave it. */
  owner: FeedbackOwner;
  similarity: number;
}

export interface LearnedOwner {
  owner: FeedbackOwner;
  /** The winning owner's share of the similarity-weighted vote. */
  share: number;
  /** The corrected items that voted for it, nearest first. */
  examples: string[];
}

export interface VoteRule {
  /** Corrected items below this similarity do not vote. */
  from: number;
  /** The winning owner needs at least this share of the weighted vote. */
  minShare: number;
}

/**
 * The owner people gave the nearest corrected items, by a vote weighted by similarity; null when
 * none is close enough or the vote is split. Pure.
 */
export function learnedOwner(neighbours: readonly CorrectedNeighbour[], rule: VoteRule): LearnedOwner | null {
  const voters = neighbours
    .filter((n) => n.similarity >= rule.from)
    .sort((a, b) => b.similarity - a.similarity);
  if (voters.length === 0) return null;
  const weights = new Map<FeedbackOwner, number>();
  for (const v of voters) weights.set(v.owner, (weights.get(v.owner) ?? 0) + v.similarity);
  const total = [...weights.values()].reduce((a, b) => a + b, 0);
  const [owner, weight] = [...weights.entries()].sort(
    (a, b) => b[1] - a[1] || a[0].localeCompare(b[0]),
  )[0] as [FeedbackOwner, number];
  const share = Math.round((weight / total) * 1000) / 1000;
  if (share < rule.minShare) return null;
  return { owner, share, examples: voters.filter((v) => v.owner === owner).map((v) => v.feedbackId) };
}

/** The theme that goes with a learned owner: the most likely of the themes it owns (the classifier's ranking). */
export function themeForOwner(
  ranked: readonly ThemeId[],
  owner: FeedbackOwner,
  ownerOf: (theme: ThemeId) => FeedbackOwner,
): ThemeId | null {
  return ranked.find((t) => ownerOf(t) === owner) ?? null;
}
