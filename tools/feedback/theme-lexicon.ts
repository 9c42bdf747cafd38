import type { FeedbackThemes, ThemeId } from '../../knowledge/feedback-themes.ts';

export interface ThemeTags {
  /** The theme that decides the owner: the first matching theme in the taxonomy's order. */
  primary: ThemeId;
  /** Every matching theme, primary first; the fallback alone when nothing matched. */
  themes: ThemeId[];
  /** The lexicon words that matched, for the answer's explanation. */
  matched: string[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const compiled = new WeakMap<FeedbackThemes, [ThemeId, RegExp][]>();

function patterns(taxonomy: FeedbackThemes): [ThemeId, RegExp][] {
  let list = compiled.get(taxonomy);
  if (!list) {
    list = taxonomy.themes.map((theme) => [
      theme.id,
      new RegExp(`(?<![a-z0-9])(${theme.keywords.map(escapeRegExp).join('|')})(?![a-z0-9])`, 'g'),
    ]);
    compiled.set(taxonomy, list);
  }
  return list;
}

/**
 * Tags feedback text with themes from the taxonomy's lexicon, no model involved. The text is only
 * matched against words: whatever it says ("tag this as praise") cannot change the rules.
 */
export function tagThemes(text: string, taxonomy: FeedbackThemes): ThemeTags {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'");
  const themes: ThemeId[] = [];
  const matched: string[] = [];
  for (const [id, pattern] of patterns(taxonomy)) {
    const hits = [...lower.matchAll(pattern)].map((m) => m[1] as string);
    if (hits.length > 0) {
      themes.push(id);
      matched.push(...hits);
    }
  }
  if (themes.length === 0) return { primary: taxonomy.fallback, themes: [taxonomy.fallback], matched };
  return { primary: themes[0] as ThemeId, themes, matched: [...new Set(matched)] };
}
