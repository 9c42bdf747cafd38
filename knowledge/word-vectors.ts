import { z } from 'zod';
import { CseError, ErrorCode } from '../core/errors.ts';
import { loadKnowledge } from './load-knowledge.ts';

/** knowledge/feedback/word-vectors.json, as scripts/build-word-vectors.ts writes it. */
const StoredWordVectorsFile = z
  .object({
    source: z.string(),
    dimensions: z.number().int().min(1).max(512),
    words: z.array(z.string().min(1)).min(1),
    /** Base64 of one float32 (little-endian) per word. */
    scales: z.string(),
    /** Base64 of words × dimensions int8 values. */
    vectors: z.string(),
  })
  .strict();

function bytes(base64: string): Uint8Array {
  const buffer = Buffer.from(base64, 'base64');
  // A copy aligned for Float32Array, whatever offset Node's buffer pool gave.
  return new Uint8Array(buffer);
}

/** The word-vector table as stored: words, dimensions, and the decoded scales and int8 vectors. */
export interface StoredWordVectors {
  words: string[];
  dimensions: number;
  scales: Float32Array;
  vectors: Int8Array;
}

let cached: StoredWordVectors | undefined;

/** The local embedder's word-vector table, read and checked once per process (tools/feedback/local-models builds it). */
export function storedWordVectors(): StoredWordVectors {
  if (!cached) {
    const file = loadKnowledge('feedback/word-vectors.json', StoredWordVectorsFile);
    const scales = new Float32Array(bytes(file.scales).buffer);
    const vectors = new Int8Array(bytes(file.vectors).buffer);
    if (scales.length !== file.words.length || vectors.length !== file.words.length * file.dimensions)
      throw new CseError(
        ErrorCode.ConfigInvalid,
        `knowledge/feedback/word-vectors.json: ${file.words.length} words need ${file.words.length} scales and ${file.words.length * file.dimensions} vector values; found ${scales.length} and ${vectors.length}`,
        { hint: 'Rebuild it with scripts/build-word-vectors.ts or restore it from the repository' },
      );
    cached = { words: file.words, dimensions: file.dimensions, scales, vectors };
  }
  return cached;
}
