import { compareText } from '../compare-text.ts';
import { tierRank } from './health-tiers.ts';

/** An account whose health tier changed between two snapshots, with the dimensions that moved most. */
export interface TierMover {
  accountId: string;
  from: string;
  to: string;
  direction: 'up' | 'down';
  scoreChange: number;
  /** e.g. "engagement 7→4", biggest changes first (at most three). */
  why: string[];
}

export interface TierPoint {
  tier: string;
  /** Null when unscored: such a point is never a mover (no tier rank). */
  score: number | null;
  dimensions: Record<string, unknown>;
}

/** A stored snapshot as the movers read it. */
export const tierPoint = (s: {
  tier: string;
  score: number | null;
  dimensions: Record<string, unknown>;
}): TierPoint => ({
  tier: s.tier,
  score: s.score,
  dimensions: s.dimensions,
});

/** Dimension scores from a snapshot's `dimensions` ({name: {score}} or {name: number}). */
function dimensionScores(dimensions: Record<string, unknown>): Map<string, number> {
  const scores = new Map<string, number>();
  for (const [name, value] of Object.entries(dimensions)) {
    const score =
      typeof value === 'number'
        ? value
        : typeof value === 'object' && value !== null
          ? (value as { score?: unknown }).score
          : null;
    if (typeof score === 'number') scores.set(name, score);
  }
  return scores;
}

/** Accounts whose tier changed between two snapshots. */
export function tierMovers(
  before: ReadonlyMap<string, TierPoint>,
  now: ReadonlyMap<string, TierPoint>,
): TierMover[] {
  return healthMovers(before, now, Number.POSITIVE_INFINITY).map(({ scoreFrom: _f, scoreTo: _t, ...m }) => m);
}

/**
 * Accounts whose tier changed, or whose score moved at least `minScoreMove` points, between two
 * snapshots, biggest drops first, each with the dimensions that moved most. Pure.
 */
export function healthMovers(
  before: ReadonlyMap<string, TierPoint>,
  now: ReadonlyMap<string, TierPoint>,
  minScoreMove: number,
): (TierMover & { scoreFrom: number; scoreTo: number })[] {
  const movers: (TierMover & { scoreFrom: number; scoreTo: number })[] = [];
  for (const [accountId, current] of now) {
    const earlier = before.get(accountId);
    if (!earlier || current.score === null || earlier.score === null) continue;
    const from = tierRank(earlier.tier);
    const to = tierRank(current.tier);
    if (from === null || to === null) continue;
    const scoreChange = current.score - earlier.score;
    if (from === to && Math.abs(scoreChange) < minScoreMove) continue;
    const a = dimensionScores(earlier.dimensions);
    const b = dimensionScores(current.dimensions);
    const why = [...b.entries()]
      .filter(([name, score]) => a.has(name) && a.get(name) !== score)
      .map(([name, score]) => ({ name, from: a.get(name) as number, to: score }))
      .sort((x, y) => Math.abs(y.to - y.from) - Math.abs(x.to - x.from) || compareText(x.name, y.name))
      .slice(0, 3)
      .map((d) => `${d.name} ${d.from}→${d.to}`);
    movers.push({
      accountId,
      from: earlier.tier,
      to: current.tier,
      direction: to > from || (to === from && scoreChange > 0) ? 'up' : 'down',
      scoreChange,
      scoreFrom: earlier.score,
      scoreTo: current.score,
      why,
    });
  }
  return movers.sort((x, y) => x.scoreChange - y.scoreChange || compareText(x.accountId, y.accountId));
}
