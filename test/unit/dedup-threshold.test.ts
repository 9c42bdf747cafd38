import { describe, expect, it } from 'vitest';
import { calibratedThreshold, thresholdQuality } from '../../tools/feedback/dedup-threshold.ts';

const pairs = [
  ...[0.82, 0.76, 0.71, 0.66, 0.62, 0.58, 0.55, 0.52, 0.5, 0.47].map((similarity) => ({
    similarity,
    decision: 'merged' as const,
  })),
  ...[0.64, 0.49, 0.45, 0.44, 0.42, 0.41, 0.4, 0.39, 0.38, 0.36].map((similarity) => ({
    similarity,
    decision: 'not_duplicate' as const,
  })),
];

describe('recalibrating the auto-merge threshold from decided pairs', () => {
  it('measures a threshold on the decisions', () => {
    expect(thresholdQuality(pairs, 0.7)).toEqual({ threshold: 0.7, precision: 1, recall: 0.3, above: 3 });
    expect(thresholdQuality(pairs, 0.6)).toEqual({ threshold: 0.6, precision: 0.833, recall: 0.5, above: 6 });
  });

  it('takes the lowest threshold whose merges people confirmed at least 95 % of the time', () => {
    expect(calibratedThreshold(pairs, { targetPrecision: 0.95, minimumPairs: 20, floor: 0.35 })).toEqual({
      threshold: 0.66,
      precision: 1,
      recall: 0.4,
      above: 4,
    });
  });

  it('moves nothing on too few decisions', () => {
    expect(
      calibratedThreshold(pairs.slice(0, 19), { targetPrecision: 0.95, minimumPairs: 20, floor: 0.35 }),
    ).toBeNull();
  });
});
