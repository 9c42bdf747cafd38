import { EMAIL_ADDRESS, LINK, SPELLED_EMAIL_ADDRESS, trimLink } from './links.ts';

/**
 * What an email draft may not add on its own: links, domains and email addresses, dates written
 * in words, and commitments (promises, discounts, money off, refunds, rebates, credits, free
 * periods, waived fees). Each must appear in the team's facts or in the template the draft was
 * written from; the customer's own words (the evidence facts) ground none of them. Figures are
 * checked by `ungroundedFigures` (figures.ts). Pure.
 */
const MONTHS =
  'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec';
const DATE_IN_WORDS = new RegExp(
  `\\b(?:(?:${MONTHS})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?:${MONTHS})\\b|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|tomorrow|tonight|next (?:week|month|quarter|year)|end of (?:the )?(?:week|month|quarter|year))\\b`,
  'gi',
);
const COUNT = '\\d+|a|one|two|three|four|five|six|nine|twelve';
const PERIOD = '(?:days?|weeks?|months?|quarters?|years?)';
const COMMITMENT = new RegExp(
  [
    'guarantee[sd]?',
    'promise[sd]?',
    'commit(?:ted|ment)? to',
    'free of charge',
    'for free',
    'at no (?:extra |additional )?(?:cost|charge)',
    'no charge',
    'on the house',
    'on us',
    'complimentary',
    '(?:full |partial )?refund(?:s|ed)?',
    'rebates?',
    'reimburs\\w*',
    'compensat\\w*',
    'money[- ]back',
    '(?:\\d+\\s?%|\\d+ percent|half|a third|a quarter)[- ]off',
    '(?:\\d+\\s?%\\s)?discount(?:s|ed)?',
    '(?:service|account|sla) credits?',
    'credits? (?:to|on|for) (?:your|the)',
    'waive[sd]?',
    `free (?:upgrade|trial|seats?|access|licen[cs]es?|${PERIOD})`,
    `(?:${COUNT}) (?:extra |additional |more )?${PERIOD} (?:free|on us|at no (?:extra )?(?:cost|charge))`,
    'price (?:lock|freeze|match|protection)',
  ]
    .map((p) => `\\b${p}\\b`)
    .join('|'),
  'gi',
);

const lower = (s: string) => s.toLowerCase().replace(/\s+/g, ' ');

/**
 * Email addresses and links a text holds (addresses first, so their domains are not counted
 * twice), and the text without them (so "refunds@…" is an address, not a refund).
 */
function linksIn(text: string): { links: string[]; rest: string } {
  const emails = [...text.matchAll(EMAIL_ADDRESS), ...text.matchAll(SPELLED_EMAIL_ADDRESS)].map((m) => m[0]);
  let rest = text;
  for (const e of emails) rest = rest.replaceAll(e, ' ');
  const links = [...rest.matchAll(LINK)].map((m) => trimLink(m[0]));
  for (const l of links) rest = rest.replaceAll(l, ' ');
  return { links: [...emails, ...links], rest };
}

/**
 * Links, domains, email addresses, dates in words and commitments in `text` that neither the
 * team's facts nor the template contain. `evidence` names the facts that hold customer text: they
 * (and their words inside the filled template) ground nothing.
 */
export function ungroundedClaims(
  text: string,
  facts: Record<string, unknown>,
  template: string,
  evidence: readonly string[] = [],
): string[] {
  const quoted = evidence
    .map((key) => facts[key])
    .filter((v): v is string => typeof v === 'string' && v !== '');
  const own = Object.fromEntries(Object.entries(facts).filter(([key]) => !evidence.includes(key)));
  let ownTemplate = template;
  for (const q of quoted) ownTemplate = ownTemplate.replaceAll(q, ' ');
  const basis = lower(`${JSON.stringify(own)}\n${ownTemplate}`);
  const { links, rest } = linksIn(text);
  const found = [
    ...links,
    ...[...rest.matchAll(DATE_IN_WORDS), ...rest.matchAll(COMMITMENT)].map((m) => m[0].trim()),
  ];
  return [...new Set(found.filter((claim) => !basis.includes(lower(claim))))];
}
