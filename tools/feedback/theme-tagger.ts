import type { FeedbackThemes, ThemeId } from '../../knowledge/feedback-themes.ts';
import { cosine, hashedEmbedding } from './hashed-embedding.ts';
import { type ThemeTags, tagThemes } from './theme-lexicon.ts';

/** A prototype must be at least this close to be trusted over the fallback theme. */
const PROTOTYPE_MIN_SIMILARITY = 0.3;

const prototypes = new WeakMap<FeedbackThemes, [ThemeId, Float32Array][]>();

/** Each theme's prototype: the embedding of its label and lexicon together. */
function themePrototypes(taxonomy: FeedbackThemes): [ThemeId, Float32Array][] {
  let list = prototypes.get(taxonomy);
  if (!list) {
    list = taxonomy.themes.map((t) => [t.id, hashedEmbedding(`${t.label} ${t.keywords.join(' ')}`)]);
    prototypes.set(taxonomy, list);
  }
  return list;
}

export interface FeedbackTags extends ThemeTags {
  via: 'lexicon' | 'prototype' | 'fallback' | 'llm';
}

/**
 * Themes without a model: the lexicon first (precedence order decides the primary theme); when
 * no lexicon word matches, the nearest theme prototype by embedding; else the fallback. The text
 * is data — it is only compared with words and vectors, never followed. Pure.
 */
export function tagFeedback(text: string, taxonomy: FeedbackThemes): FeedbackTags {
  const lexicon = tagThemes(text, taxonomy);
  if (lexicon.matched.length > 0) return { ...lexicon, via: 'lexicon' };
  const vector = hashedEmbedding(text);
  let best: { id: ThemeId; similarity: number } | null = null;
  for (const [id, prototype] of themePrototypes(taxonomy)) {
    const similarity = cosine(vector, prototype);
    if (!best || similarity > best.similarity) best = { id, similarity };
  }
  if (best && best.similarity >= PROTOTYPE_MIN_SIMILARITY)
    return { primary: best.id, themes: [best.id], matched: [], via: 'prototype' };
  return { ...lexicon, via: 'fallback' };
}
