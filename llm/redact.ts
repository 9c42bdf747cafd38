/**
 * Removes personal data from text before it leaves for a model (chat or embeddings): email
 * addresses (also written "name at domain dot com"), phone numbers in any common format, card
 * numbers, IBANs, street addresses, and the names of people the store knows (contacts, team).
 * Dates, amounts and ids are left as they are. Pure.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** "jane at acme dot com", "jane [at] acme [dot] co [dot] uk", "jane(at)acme(dot)com". */
const OBFUSCATED_EMAIL =
  /\b[A-Za-z0-9._%+-]+\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+)\s*[A-Za-z0-9-]+(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+|\.)\s*[A-Za-z0-9-]+)*\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+)\s*[A-Za-z]{2,6}\b/gi;
/** An IBAN: country code, check digits, then 11–30 letters and digits, optionally in groups of four. */
const IBAN = /\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,4})?\b/g;
/** 13–19 digits, optionally grouped by spaces or dashes: card-like. */
const CARD = /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g;
/** A phone number: optional +country, optional (area), digit groups; 9 to 15 digits in all. */
const PHONE = /(?<![\w-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,5}(?:[\s.-]\d{2,6}){1,4}(?![\w-])/g;
/** A phone number written without separators: 9 to 15 digits, optionally after +. */
const PHONE_UNSPACED = /(?<![\w-])\+?\d{9,15}(?![\w-])/g;
const STREET_TYPES =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Square|Sq|Terrace|Close|Crescent|Highway|Hwy|Straße|Strasse|Rue|Via|Calle';
/** "221B Baker Street", "1600 Amphitheatre Parkway, Mountain View", "Rue de Rivoli 10". */
const STREET = new RegExp(
  `\\b\\d{1,5}[A-Za-z]?\\s+(?:[A-Z][\\w'-]*\\s+){0,4}(?:${STREET_TYPES})\\b\\.?(?:,\\s*[A-Z][\\w-]*(?:\\s+[A-Z][\\w-]*){0,2})?|\\b(?:${STREET_TYPES})\\s+(?:[a-z]{1,3}\\s+)?(?:[A-Z][\\w'-]*\\s+){1,3}\\d{1,5}[A-Za-z]?\\b`,
  'g',
);
/** German-style compounds with the number after: "Hauptstraße 5", "Lindenweg 12a", "Marktplatz 3". */
const COMPOUND_STREET =
  /\b\p{Lu}\p{L}*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm)\s+\d{1,5}[a-z]?\b/gu;
const digits = (s: string) => s.replace(/\D/g, '').length;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The names to take out: each person's full name and, for names of two or more words, the
 * first and last name on their own when long enough not to be a common word.
 */
function namePattern(people: readonly string[]): RegExp | null {
  const parts = new Set<string>();
  for (const raw of people) {
    const name = raw.trim();
    if (name.length < 3) continue;
    parts.add(name);
    const words = name.split(/\s+/);
    if (words.length >= 2)
      for (const w of [words[0], words[words.length - 1]]) if (w && w.length >= 4) parts.add(w);
  }
  if (parts.size === 0) return null;
  const alternatives = [...parts].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'giu');
}

/** A redactor for the people known at the time it is made (compiled once, used for many texts). */
export function redactorFor(people: readonly string[] = []): (text: string) => string {
  const names = namePattern(people);
  return (text) => {
    let out = text
      .replace(EMAIL, '[email]')
      .replace(OBFUSCATED_EMAIL, '[email]')
      .replace(IBAN, (m) => (digits(m) >= 8 ? '[iban]' : m))
      .replace(CARD, (m) => (digits(m) >= 13 ? '[card number]' : m))
      .replace(PHONE, (m) => (ISO_DATE.test(m.trim()) || digits(m) < 9 || digits(m) > 15 ? m : '[phone]'))
      .replace(PHONE_UNSPACED, '[phone]')
      .replace(STREET, '[address]')
      .replace(COMPOUND_STREET, '[address]');
    if (names) out = out.replace(names, '[person]');
    return out;
  };
}

const withoutNames = redactorFor();

/** Redaction without the store's names (for callers that have no store at hand). */
export function redactPii(text: string): string {
  return withoutNames(text);
}
