/**
 * Removes personal data from text before it leaves for a model (chat or embeddings): email
 * addresses (also written "name at domain dot com" or "name at domain.com"), phone numbers in any
 * common format, card numbers, IBANs, street addresses and post boxes, the names of people the
 * store knows (contacts, team), and names it does not know where the words around them say they
 * are a person's: a sign-off ("Thanks, Zoe Muller"), a role ("our CFO, Marcus Bell"), an
 * introduction ("my name is …") or a title ("Dr. …"). Dates, amounts and ids are left as they
 * are. Pure.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
/** "jane at acme dot com", "jane [at] acme [dot] co [dot] uk", "jane(at)acme(dot)com". */
const OBFUSCATED_EMAIL =
  /\b[A-Za-z0-9._%+-]+\s*(?:\[at\]|\(at\)|\{at\}|\s+at\s+)\s*[A-Za-z0-9-]+(?:\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+|\.)\s*[A-Za-z0-9-]+)*\s*(?:\[dot\]|\(dot\)|\{dot\}|\s+dot\s+)\s*[A-Za-z]{2,6}\b/gi;
/**
 * "john.smith at gmail.com": a mailbox, " at ", then a domain with real dots. The mailbox must not
 * be an everyday word, so "look at example.com" stays.
 */
const AT_DOMAIN_EMAIL = /\b([A-Za-z0-9._%+-]+)\s+at\s+[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/gi;
const NOT_A_MAILBOX = new Set(
  'look looking looked be is are was were am us me him her them it here there this that live lives hosted available arrive arrived work works working stay stays stayed meet meeting up in out we you they log logged sign signed see seen find found click go went based sit sits located'.split(
    ' ',
  ),
);
/** An IBAN: country code, check digits, then 11–30 letters and digits, optionally in groups of four (spaces or dashes). */
const IBAN = /\b[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,4})?\b/g;
/** 13–19 digits, optionally grouped by spaces or dashes: card-like. */
const CARD = /(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])/g;
/**
 * A phone number: optional +country, optional (area), digit groups; 9 to 15 digits in all. After a
 * country code the first group may be one digit ("+33 6 12 34 56 78").
 */
const PHONE =
  /(?<![\w-])(?:\+\d{1,3}[\s.-]?(?:\(\d{1,4}\)[\s.-]?)?\d{1,5}|(?:\(\d{1,4}\)[\s.-]?)?\d{2,5})(?:[\s.-]\d{2,6}){1,5}(?![\w-])/g;
/** A phone number written without separators: 9 to 15 digits, optionally after +. */
const PHONE_UNSPACED = /(?<![\w-])\+?\d{9,15}(?![\w-])/g;
const STREET_TYPES =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Way|Court|Ct|Place|Pl|Parkway|Pkwy|Square|Sq|Terrace|Close|Crescent|Highway|Hwy|Straße|Strasse|Rue|Via|Calle';
/** "221B Baker Street", "1600 Amphitheatre Parkway, Mountain View", "Rue de Rivoli 10". */
const STREET = new RegExp(
  `\\b\\d{1,5}[A-Za-z]?\\s+(?:[A-Z][\\w'-]*\\s+){0,4}(?:${STREET_TYPES})\\b\\.?(?:,\\s*[A-Z][\\w-]*(?:\\s+[A-Z][\\w-]*){0,2})?|\\b(?:${STREET_TYPES})\\s+(?:[a-z]{1,3}\\s+)?(?:[A-Z][\\w'-]*\\s+){1,3}\\d{1,5}[A-Za-z]?\\b`,
  'g',
);
/**
 * Written in lower case, "25 high street", "7 church lane": the unmistakable street words only
 * (not "way" or "place"), and no small words between the number and the street word.
 */
const LOWER_STREET =
  /\b\d{1,5}[a-z]?\s+(?:(?!(?:the|a|an|in|on|of|to|for|and|or|our|my|your|their|with|at|by|is|are|was|per)\b)[\p{L}'-]+\s+){1,3}(?:street|road|avenue|boulevard|lane|highway|parkway|crescent|terrace)\b/giu;
/** A post box: "PO Box 77", "P.O. Box 12", "Postfach 10 12 34", "Boîte postale 123", "Apartado 45". */
const PO_BOX =
  /\b(?:P\.?\s?O\.?\s?Box|Post(?:al)?\s+Office\s+Box|Postfach|Bo[iî]te\s+postale|Apartado(?:\s+de\s+correos)?|Casilla)\s*\d+(?:\s\d+){0,3}\b/giu;
/** German-style compounds with the number after: "Hauptstraße 5", "Lindenweg 12a", "Marktplatz 3". */
const COMPOUND_STREET =
  /\b\p{Lu}\p{L}*(?:straße|strasse|str\.|weg|gasse|platz|allee|ring|damm)\s+\d{1,5}[a-z]?\b/gu;
const digits = (s: string) => s.replace(/\D/g, '').length;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

import { redactNamesInContext } from './contextual-names.ts';

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
      .replace(AT_DOMAIN_EMAIL, (m, mailbox: string) =>
        NOT_A_MAILBOX.has(mailbox.toLowerCase()) ? m : '[email]',
      )
      .replace(IBAN, (m) => (digits(m) >= 8 ? '[iban]' : m))
      .replace(CARD, (m) => (digits(m) >= 13 ? '[card number]' : m))
      .replace(PHONE, (m) => (ISO_DATE.test(m.trim()) || digits(m) < 9 || digits(m) > 15 ? m : '[phone]'))
      .replace(PHONE_UNSPACED, '[phone]')
      .replace(STREET, '[address]')
      .replace(LOWER_STREET, '[address]')
      .replace(PO_BOX, '[address]')
      .replace(COMPOUND_STREET, '[address]');
    if (names) out = out.replace(names, '[person]');
    return redactNamesInContext(out);
  };
}

const withoutNames = redactorFor();

/** Redaction without the store's names (for callers that have no store at hand). */
export function redactPii(text: string): string {
  return withoutNames(text);
}
