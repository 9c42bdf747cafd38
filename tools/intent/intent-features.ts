import { sentenceVector, type WordVectors } from '../feedback/word-vectors.ts';

/** What the model reads of one message: its lexical features and a sentence vector (unit, or zeros). */
export interface IntentFeatures {
  lexical: string[];
  dense: Float32Array;
}

const NO_STOP_WORDS: ReadonlySet<string> = new Set(['xacctx']);

/** The lexical features and the sentence vector of a probe. Pure. */
export function intentFeatures(probe: string, vectors: WordVectors): IntentFeatures {
  return { lexical: lexicalFeatures(probe), dense: sentenceVector(probe, vectors, NO_STOP_WORDS) };
}

/**
 * The features the intent model reads from a message's probe (normalised words, the account's
 * name masked as `xacctx`): words, word pairs, the first and last word, and the letter triples
 * of longer words, so a misspelt or unseen form still shares most of its features. Pure.
 */
export function lexicalFeatures(probe: string): string[] {
  const words = probe
    .toLowerCase()
    .replace(/\d+/g, '0')
    .split(/[^a-z0-9']+/)
    .map((w) => w.replace(/^'+|'+$/g, ''))
    .filter((w) => w !== '');
  if (words.length === 0) return ['w:<empty>'];
  const features = new Set<string>();
  words.forEach((w, i) => {
    features.add(`w:${w}`);
    if (i > 0) features.add(`b:${words[i - 1]} ${w}`);
    if (w.length >= 4 && w !== 'xacctx') {
      const padded = `<${w}>`;
      for (let k = 0; k + 3 <= padded.length; k++) features.add(`c:${padded.slice(k, k + 3)}`);
    }
  });
  features.add(`s:${words[0]}`);
  features.add(`e:${words[words.length - 1]}`);
  features.add(`n:${Math.min(words.length, 8)}`);
  return [...features];
}
