import { addDays, addMonths, isCalendarDate, monthOf } from '../../core/calendar.ts';

export interface AsOfInWords {
  /** 'YYYY-MM-DD' or 'YYYY-MM' (a whole month, meaning its last day). */
  asOf: string;
  /** Where it was found in the normalised text, to keep it out of the account name. */
  start: number;
  end: number;
}

const MONTHS = [
  ['january', 'jan'],
  ['february', 'feb'],
  ['march', 'mar'],
  ['april', 'apr'],
  ['may'],
  ['june', 'jun'],
  ['july', 'jul'],
  ['august', 'aug'],
  ['september', 'sep', 'sept'],
  ['october', 'oct'],
  ['november', 'nov'],
  ['december', 'dec'],
] as const;
export const MONTH_WORD = MONTHS.flat().join('|');
export const monthNumber = (word: string) =>
  MONTHS.findIndex((names) => (names as readonly string[]).includes(word)) + 1;
const pad = (n: number) => String(n).padStart(2, '0');
export const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  six: 6,
  twelve: 12,
};
/** A count in figures or words ("90", "two", "a"), as a regex alternation. */
export const COUNT_WORD = String.raw`\d{1,3}|a|an|one|two|three|four|six|twelve`;
/** The number a count stands for: figures as they are, words by NUMBER_WORDS (1 when unknown). */
export const countOf = (word: string): number =>
  /^\d+$/.test(word) ? Number(word) : (NUMBER_WORDS[word] ?? 1);

/** A month that is not over yet means "as of today"; a past one its end. */
function monthOrToday(month: string, today: string): string {
  if (month > monthOf(today)) return month;
  return month === monthOf(today) ? today : month;
}

/** The most recent month with this number, this year or last. */
function latestMonth(m: number, today: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-${pad(m)}`;
  return thisYear <= monthOf(today) ? thisYear : `${year - 1}-${pad(m)}`;
}

function quarterEnd(year: number, q: number): string {
  return `${year}-${pad(q * 3)}`;
}

interface Pattern {
  re: RegExp;
  value(m: RegExpExecArray, today: string): string | null;
}

const PREFIX = String.raw`(?:(?:as of|as at|at the end of|end of|by|on|for|in|at)\s+)?`;

/** Phrases people use for a point in time, most specific first. */
const PATTERNS: readonly Pattern[] = [
  {
    re: new RegExp(String.raw`\b${PREFIX}(\d{4}-\d{2}-\d{2}|\d{4}-\d{2})\b`),
    value: (m) => {
      const v = m[1] as string;
      return v.length === 10 ? (isCalendarDate(v) ? v : null) : /-(0[1-9]|1[0-2])$/.test(v) ? v : null;
    },
  },
  {
    re: new RegExp(String.raw`\b${PREFIX}(?:the\s+)?(?:end of\s+)?q([1-4])\s+(?:of\s+)?(\d{4})\b`),
    value: (m, today) => monthOrToday(quarterEnd(Number(m[2]), Number(m[1])), today),
  },
  {
    re: new RegExp(String.raw`\b${PREFIX}(?:the\s+)?(?:end of\s+)?q([1-4])\b`),
    value: (m, today) => {
      const q = Number(m[1]);
      const year = Number(today.slice(0, 4));
      const end = quarterEnd(year, q);
      return monthOrToday(end > monthOf(today) ? quarterEnd(year - 1, q) : end, today);
    },
  },
  {
    re: new RegExp(String.raw`\b${PREFIX}(?:the\s+)?(?:end of\s+)?(${MONTH_WORD})\s+(\d{4})\b`),
    value: (m, today) => monthOrToday(`${m[2]}-${pad(monthNumber(m[1] as string))}`, today),
  },
  {
    // "as of March", "end of june", "in feb": only with a lead-in, since "may" is also a verb.
    re: new RegExp(
      String.raw`\b(?:as of|as at|at the end of|end of|in|for|since)\s+(?:the\s+)?(?:end of\s+)?(${MONTH_WORD})\b`,
    ),
    value: (m, today) => monthOrToday(latestMonth(monthNumber(m[1] as string), today), today),
  },
  {
    re: /\b(?:as of |at the end of |end of |for |in )?(?:the )?last quarter\b|\b(?:as of |for )?(?:the )?previous quarter\b/,
    value: (_m, today) => {
      const month = Number(today.slice(5, 7));
      const q = Math.ceil(month / 3) - 1;
      const year = Number(today.slice(0, 4));
      return q === 0 ? quarterEnd(year - 1, 4) : quarterEnd(year, q);
    },
  },
  {
    re: /\b(?:as of |at the end of |end of |for |in )?(?:the )?(?:last|previous) month\b/,
    value: (_m, today) => addMonths(monthOf(today), -1),
  },
  {
    re: /\b(?:as of |at the end of |end of |for |in )?(?:the )?last year\b/,
    value: (_m, today) => `${Number(today.slice(0, 4)) - 1}-12`,
  },
  {
    re: /\b(?:as of |at the end of |end of |for |in )(\d{4})\b/,
    value: (m, today) => monthOrToday(`${m[1]}-12`, today),
  },
  {
    re: /\b(?:as of )?yesterday\b/,
    value: (_m, today) => addDays(today, -1),
  },
  {
    re: /\b(?:as of )?last week\b/,
    value: (_m, today) => addDays(today, -7),
  },
  {
    re: new RegExp(String.raw`\b(?:as of )?(${COUNT_WORD}) (day|week|month|year)s? ago\b`),
    value: (m, today) => {
      const n = countOf(m[1] as string);
      switch (m[2]) {
        case 'day':
          return addDays(today, -n);
        case 'week':
          return addDays(today, -7 * n);
        case 'month':
          return addDays(today, -30 * n);
        default:
          return addDays(today, -365 * n);
      }
    },
  },
];

/**
 * The as-of date a message asks for, in words or digits: "as of March", "last quarter",
 * "end of Q2 2026", "2026-06", "two weeks ago". Null when it names none (today is the default).
 */
export function asOfInWords(normalised: string, today: string): AsOfInWords | null {
  for (const p of PATTERNS) {
    const m = p.re.exec(normalised);
    if (!m) continue;
    const asOf = p.value(m, today);
    if (asOf === null) continue;
    return { asOf, start: m.index, end: m.index + m[0].length };
  }
  return null;
}
