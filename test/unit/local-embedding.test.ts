import { describe, expect, it } from 'vitest';
import { localEmbedder } from '../../llm/embeddings.ts';
import {
  cosine,
  EMBEDDING_DIMENSIONS,
  hashedEmbedding,
  STOP_WORDS,
} from '../../tools/feedback/hashed-embedding.ts';
import { localEmbeddingVocabulary, localWordVectors } from '../../tools/feedback/local-models.ts';
import { decodeWordVectors, sentenceVector } from '../../tools/feedback/word-vectors.ts';

const { synonyms } = localEmbeddingVocabulary();
const wordVectors = localWordVectors();
const norm = (v: Float32Array) => Math.sqrt(cosine(v, v));

describe('the word-vector table', () => {
  it('loads 50,000 words of 100 dimensions, most frequent first', () => {
    const table = localWordVectors();
    expect(table.dimensions).toBe(100);
    expect(table.rows.size).toBe(50_000);
    expect(table.rows.get('the')).toBe(0);
    expect(table.rows.has('dashboard')).toBe(true);
  });

  it('decodes int8 vectors with their scale, and averages by rarity', () => {
    const table = decodeWordVectors(
      ['common', 'rare'],
      2,
      Float32Array.from([0.5, 0.01]),
      Int8Array.from([2, 0, 0, 100]),
    );
    expect([...table.vectors]).toEqual([1, 0, 0, 1]);
    // No common direction can be removed from two orthogonal rows summed: (1, 1)/√2.
    expect(table.common[0]).toBeCloseTo(Math.SQRT1_2, 6);
    expect([...sentenceVector('nothing known here', table, STOP_WORDS)]).toEqual([0, 0]);
  });
});

describe('the local embedding', () => {
  it('is a deterministic 512-dimensional unit vector, model name versioned', async () => {
    const a = hashedEmbedding('CSV export times out on large workspaces.', synonyms, wordVectors);
    const b = hashedEmbedding('CSV export times out on large workspaces.', synonyms, wordVectors);
    expect(a.length).toBe(EMBEDDING_DIMENSIONS);
    expect([...a]).toEqual([...b]);
    expect(norm(a)).toBeCloseTo(1, 5);
    expect(localEmbedder().model).toBe('local-ngram-wordvec-v5');
    const [greeting] = await localEmbedder().embed(['hello']);
    expect([...(greeting ?? [1])].every((x) => x === 0)).toBe(true);
  });

  it('brings paraphrases with no shared word closer than the n-grams alone do', () => {
    const pairs = [
      ['Our tickets sit unanswered for days.', 'Days pass before support even looks at our tickets.'],
      [
        'Unless pricing changes we will cancel at the end of the term.',
        'If the price stays like this we are not renewing.',
      ],
      [
        'The iOS app crashes when I open an account.',
        'The iPhone app closes itself as soon as I tap on a customer.',
      ],
    ];
    for (const [x, y] of pairs as [string, string][]) {
      const without = cosine(hashedEmbedding(x, synonyms), hashedEmbedding(y, synonyms));
      const withVectors = cosine(
        hashedEmbedding(x, synonyms, wordVectors),
        hashedEmbedding(y, synonyms, wordVectors),
      );
      expect(withVectors, `${x} / ${y}`).toBeGreaterThan(without + 0.1);
    }
    // …while unrelated requests stay apart.
    const unrelated = cosine(
      hashedEmbedding('Please add a HubSpot integration.', synonyms, wordVectors),
      hashedEmbedding('We were charged twice on our last invoice.', synonyms, wordVectors),
    );
    expect(unrelated).toBeLessThan(0.35);
  });
});
