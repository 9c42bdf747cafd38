/** What the training scripts share: their numeric options and the Adam step. */

/** A numeric command-line option (`--epochs 30`), or its default. */
export function numberOption(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Adam's running moments for one block of weights. */
export interface Moments {
  m: Float32Array;
  v: Float32Array;
}

/** One Adam step (β 0.9 / 0.999) on weight `i` of a block, given its gradient, at step `t` (from 1). */
export function adamStep(
  block: Float32Array,
  moments: Moments,
  i: number,
  g: number,
  rate: number,
  t: number,
): void {
  const { m, v } = moments;
  m[i] = 0.9 * (m[i] as number) + 0.1 * g;
  v[i] = 0.999 * (v[i] as number) + 0.001 * g * g;
  const mh = (m[i] as number) / (1 - 0.9 ** t);
  const vh = (v[i] as number) / (1 - 0.999 ** t);
  block[i] = (block[i] as number) - (rate * mh) / (Math.sqrt(vh) + 1e-8);
}

/** The lexical features seen at least `minCount` times in the training examples, sorted: the model's vocabulary. */
export function frequentFeatures(
  examples: readonly { features: { lexical: readonly string[] } }[],
  minCount: number,
): string[] {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.features.lexical) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts.entries()]
    .filter(([, n]) => n >= minCount)
    .map(([f]) => f)
    .sort();
}
