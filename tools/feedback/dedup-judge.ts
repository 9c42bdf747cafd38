import { contentWords, type Synonyms, stem } from './hashed-embedding.ts';

/** What the judge reads of one feedback item. */
export interface JudgedItem {
  text: string;
  /** The primary theme the item was tagged with. */
  theme: string;
}

export interface JudgeVocabulary {
  synonyms: Synonyms;
  /** Stemmed framing words (knowledge/feedback/synonyms.json `framing`). */
  framing: ReadonlySet<string>;
}

export type JudgeVerdict =
  /** sharedSubjects: the shared words as the first item writes them. */
  | { same: true; sharedSubjects: string[] }
  | { same: false; reason: 'different theme' | 'different products named' | 'no shared subject' };

/**
 * The words that say what an item is about: content words that are neither generic, framing nor a
 * bare number. "Dashboards take 20 seconds to load" → dashboard; "Please add report templates we
 * can reuse" → reporting, templat, reus.
 */
export function subjectWords(text: string, vocabulary: JudgeVocabulary): Set<string> {
  return new Set(
    contentWords(text, vocabulary.synonyms).filter(
      (w) => !vocabulary.synonyms.generic.has(w) && !vocabulary.framing.has(w) && !/^\d+$/.test(w),
    ),
  );
}

/** How a stemmed subject word is written in the text ("morn" → "mornings"); the stem when not found. */
function asWritten(stemmed: string, text: string): string {
  const words =
    text
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .match(/[a-z0-9]+/g) ?? [];
  return words.find((w) => stem(w) === stemmed) ?? words.find((w) => w.startsWith(stemmed)) ?? stemmed;
}

/**
 * Names in the text: capitalised words that do not start a sentence, and acronyms (Okta, SAML,
 * Dynamics, CSV), lower-cased.
 */
export function namedTerms(text: string): Set<string> {
  const names = new Set<string>();
  for (const sentence of text.split(/[.!?;:]\s+/)) {
    const tokens = sentence.match(/[A-Za-z][A-Za-z0-9-]*/g) ?? [];
    tokens.forEach((token, i) => {
      if ((i > 0 && /^[A-Z]/.test(token)) || /^[A-Z0-9]{2,}$/.test(token)) names.add(token.toLowerCase());
    });
  }
  return names;
}

/** Each names something the other does not (Microsoft Teams vs Microsoft Dynamics). */
function namesDiffer(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return [...a].some((n) => !b.has(n)) && [...b].some((n) => !a.has(n));
}

/**
 * Whether two items whose similarity fell in the judge band are the same request: the same
 * primary theme, no different products or names on each side, and at least one subject word in
 * common. "Dashboards take 20 seconds to load" and "Dashboard load time is terrible" share
 * `dashboard`; "The API is slow" and "Search is slow" share only framing. Pure and deterministic:
 * the text is compared, never followed.
 */
export function judgeSameRequest(a: JudgedItem, b: JudgedItem, vocabulary: JudgeVocabulary): JudgeVerdict {
  if (a.theme !== b.theme) return { same: false, reason: 'different theme' };
  if (namesDiffer(namedTerms(a.text), namedTerms(b.text)))
    return { same: false, reason: 'different products named' };
  const shared = sharedSubjects(a.text, b.text, vocabulary);
  if (shared.length === 0) return { same: false, reason: 'no shared subject' };
  return { same: true, sharedSubjects: shared };
}

/** The subject words two texts share, as the first writes them ("export", "dashboard"). Pure. */
export function sharedSubjects(a: string, b: string, vocabulary: JudgeVocabulary): string[] {
  const theirs = subjectWords(b, vocabulary);
  return [...subjectWords(a, vocabulary)]
    .filter((w) => theirs.has(w))
    .sort()
    .map((w) => asWritten(w, a));
}
