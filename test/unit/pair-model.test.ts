import { describe, expect, it } from 'vitest';
import {
  localEmbeddingVocabulary,
  localPairModel,
  localWordVectors,
} from '../../tools/feedback/local-models.ts';
import {
  neighbourFeatures,
  PAIR_FEATURES,
  pairFeatures,
  pairProbability,
  pairText,
} from '../../tools/feedback/pair-model.ts';

const inputs = { vocabulary: localEmbeddingVocabulary(), wordVectors: localWordVectors() };
const text = (t: string, theme = 'bug') => pairText(t, theme, inputs);
const feature = (f: number[], name: (typeof PAIR_FEATURES)[number]) => f[PAIR_FEATURES.indexOf(name)];

describe('the duplicate pair model', () => {
  it('reads the same text as the same on every lexical feature', () => {
    const a = text('The CSV export is empty since Tuesday.');
    const f = pairFeatures(a, a, { similarity: 0.9, nearestSimilarity: 0.9, rank: 0 });
    expect(feature(f, 'letter_overlap')).toBe(1);
    expect(feature(f, 'subject_overlap')).toBe(1);
    expect(feature(f, 'same_theme')).toBe(1);
    expect(feature(f, 'different_names')).toBe(0);
    expect(feature(f, 'gap_to_nearest')).toBe(0);
    expect(feature(f, 'similarity_same_theme')).toBe(0.9);
    expect(feature(f, 'word_meaning')).toBeCloseTo(1, 5);
  });

  it('sees different products named, a different theme and no shared subject', () => {
    const f = pairFeatures(
      text('Please support single sign-on with Okta.', 'security_compliance'),
      text('Please support single sign-on with Azure.', 'integration'),
      { similarity: 0.8, nearestSimilarity: 0.85, rank: 2 },
    );
    expect(feature(f, 'different_names')).toBe(1);
    expect(feature(f, 'same_theme')).toBe(0);
    expect(feature(f, 'similarity_same_theme')).toBe(0);
    expect(feature(f, 'rank')).toBe(0.2);
    expect(feature(f, 'gap_to_nearest')).toBeCloseTo(0.05, 10);
  });

  it('places each neighbour by similarity whatever order they come in', () => {
    const item = text('Dashboards take 20 seconds to load.', 'performance');
    const f = neighbourFeatures(item, [
      { text: text('Search is slow.', 'performance'), similarity: 0.3 },
      { text: text('Dashboard load time is terrible.', 'performance'), similarity: 0.6 },
    ]);
    expect(f.map((x) => feature(x, 'rank'))).toEqual([0.1, 0]);
    expect(f.map((x) => feature(x, 'gap_to_nearest'))).toEqual([0.3, 0]);
  });

  it('is a logistic regression over its features', () => {
    const model = {
      version: 't',
      weights: [2, -1, 0, 0, 0, 0, 0, 0, 0, 0.5],
      bias: -1,
      mergeFrom: 1,
      suggestFrom: 0,
    };
    const x = [0.8, 0.1, 0, 0, 0, 1, 0, 0, 0, 0.8];
    expect(pairProbability(model, x)).toBeCloseTo(1 / (1 + Math.exp(-(-1 + 1.6 - 0.1 + 0.4))), 12);
  });

  it('ships a model whose probability rises with a shared subject at the same similarity', () => {
    const model = localPairModel();
    const item = text('Exports to CSV come out empty.');
    const place = { similarity: 0.5, nearestSimilarity: 0.5, rank: 0 };
    const same = pairProbability(model, pairFeatures(item, text('The CSV export has no rows.'), place));
    const other = pairProbability(model, pairFeatures(item, text('The login page times out.'), place));
    expect(same).toBeGreaterThan(other + 0.1);
    expect(model.suggestFrom).toBeLessThanOrEqual(model.mergeFrom);
  });
});
