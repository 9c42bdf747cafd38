import { DIMENSIONS, type Dimension } from '../../knowledge/health-model.ts';
import type { HealthScore } from './health-score.ts';
import type { HealthInput } from './health-types.ts';

/** A stored snapshot as the trend reads it. */
export interface SnapshotPoint {
  asOf: string;
  /** Null when the account was unscored that day (too little data). */
  score: number | null;
  tier: string;
  dimensions: Record<
    string,
    { score: number | null; inputs?: { name: string; score: number | null }[] } | undefined
  >;
}

export interface DimensionChange {
  dimension: Dimension;
  from: number | null;
  to: number | null;
  /** "engagement 7→4: logins down 38% vs prior 4 weeks; 3 P2 tickets in 30 days" */
  explanation: string;
}

export interface TrendPoint {
  asOf: string;
  daysBack: number;
  score: number;
  tier: string;
  scoreChange: number;
  changes: DimensionChange[];
}

const MOVED = 1;
const fmt = (v: number | null) => (v === null ? 'n/a' : String(Math.round(v)));

/**
 * What changed since a snapshot, dimension by dimension, with the inputs that moved it. Null when
 * either day is unscored: a change from or to "not enough data" is not a trend.
 */
export function compareWithSnapshot(
  now: HealthScore,
  then: SnapshotPoint,
  daysBack: number,
): TrendPoint | null {
  if (now.score === null || then.score === null) return null;
  const changes: DimensionChange[] = [];
  for (const d of DIMENSIONS) {
    const current = now.dimensions[d];
    const before = then.dimensions[d];
    const from = before?.score ?? null;
    const to = current.score;
    if (from === to || (from !== null && to !== null && Math.abs(to - from) < MOVED)) continue;
    const previousInputs = new Map((before?.inputs ?? []).map((i) => [i.name, i.score]));
    const moved = current.inputs.filter((i: HealthInput) => {
      const prev = previousInputs.get(i.name);
      return i.score !== null && (prev === undefined || prev === null || Math.abs(i.score - prev) >= MOVED);
    });
    const why = (moved.length > 0 ? moved : current.inputs.filter((i) => i.score !== null)).map(
      (i) => i.detail,
    );
    changes.push({
      dimension: d,
      from,
      to,
      explanation: `${d.replace('_', ' ')} ${fmt(from)}→${fmt(to)}${why.length > 0 ? `: ${why.join('; ')}` : ''}`,
    });
  }
  changes.sort((a, b) => Math.abs((b.to ?? 0) - (b.from ?? 0)) - Math.abs((a.to ?? 0) - (a.from ?? 0)));
  return {
    asOf: then.asOf,
    daysBack,
    score: then.score,
    tier: then.tier,
    scoreChange: now.score - then.score,
    changes,
  };
}
