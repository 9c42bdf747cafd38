/**
 * What an email draft may not add on its own: links, dates written in words, and commitments
 * (promises, discounts, refunds, credits). Each must appear in the facts or in the template the
 * draft was written from. Figures are checked by `ungroundedFigures` (figures.ts). Pure.
 */
const LINK =
  /\bhttps?:\/\/[^\s)>\]]+|\bwww\.[^\s)>\]]+|\b[a-z0-9-]+\.(?:com|io|net|org|co|app|dev|ly|me)(?:\/[^\s)>\]]*)?\b/gi;
const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const DATE_IN_WORDS = new RegExp(
  `\\b(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\b|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|tomorrow|tonight|next (?:week|month|quarter|year)|end of (?:the )?(?:week|month|quarter|year))\\b`,
  'gi',
);
const COMMITMENT =
  /\b(?:guarantee[sd]?|promise[sd]?|commit(?:ted|ment)? to|free of charge|for free|at no (?:extra )?cost|discount(?:s|ed)?|refund(?:s|ed)?|credit(?:s)? (?:to|on) your|waive[sd]?|complimentary)\b/gi;

const lower = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

/** Links, dates in words and commitments in `text` that neither the facts nor the template contain. */
export function ungroundedClaims(text: string, facts: unknown, template: string): string[] {
  const basis = lower(`${JSON.stringify(facts)}\n${template}`);
  const found = [...text.matchAll(LINK), ...text.matchAll(DATE_IN_WORDS), ...text.matchAll(COMMITMENT)].map(
    (m) => m[0].trim(),
  );
  return [...new Set(found.filter((claim) => !basis.includes(lower(claim))))];
}
