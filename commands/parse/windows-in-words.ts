import { addDays, addMonths, monthEnd, monthOf } from '../../core/calendar.ts';
import { fiscalQuarter, quarterStart, quarterWindow } from '../../tools/dates/fiscal.ts';
import { COUNT_WORD, countOf, MONTH_WORD, monthNumber } from './dates-in-words.ts';

/** A window of days ahead that a message names: "in January", "next quarter", "in the next 90 days". */
export interface WindowInWords {
  from: string;
  to: string;
  /** Where it was found in the normalised text. */
  start: number;
  end: number;
}

/** Words that make a month or quarter a window ahead rather than an as-of date (a forecast looks ahead too). */
export const RENEWAL_WORDS =
  /\b(?:renew\w*|due|up for renewal|expir\w*|forecast\w*|fcst|outlook|projected)\b/;

const pad = (n: number) => String(n).padStart(2, '0');
const monthWindow = (month: string) => ({ from: `${month}-01`, to: monthEnd(month) });

/** The next month with this number that is not over: this month counts. */
function comingMonth(m: number, today: string): string {
  const year = Number(today.slice(0, 4));
  const thisYear = `${year}-${pad(m)}`;
  return thisYear >= monthOf(today) ? thisYear : `${year + 1}-${pad(m)}`;
}

/** The next quarter numbered q (of the team's fiscal year) that is not over: this quarter counts. */
function comingQuarter(q: number, today: string, fiscalStart: number): string {
  let start = quarterStart(monthOf(today), fiscalStart);
  for (let i = 0; i < 4; i++) {
    if (fiscalQuarter(start, fiscalStart) === q) return start;
    start = addMonths(start, 3);
  }
  return start;
}

interface Pattern {
  re: RegExp;
  value(m: RegExpExecArray, today: string, fiscalStart: number): { from: string; to: string };
}

const UNIT = String.raw`(${COUNT_WORD})\s*(day|week|month|quarter|year)s?`;

/** Phrases for a window ahead, most specific first. */
const PATTERNS: readonly Pattern[] = [
  {
    re: new RegExp(String.raw`\b(?:in |within |over )?(?:the )?(?:next|coming) ${UNIT}\b|\bwithin ${UNIT}\b`),
    value: (m, today) => {
      const n = countOf((m[1] ?? m[3]) as string);
      const unit = (m[2] ?? m[4]) as string;
      if (unit === 'day') return { from: today, to: addDays(today, n) };
      if (unit === 'week') return { from: today, to: addDays(today, 7 * n) };
      const months = unit === 'month' ? n : unit === 'quarter' ? 3 * n : 12 * n;
      return { from: today, to: `${addMonths(monthOf(today), months)}${today.slice(7)}` };
    },
  },
  {
    re: /\b(?:in |for )?(?:the )?q([1-4])\s+(?:of\s+)?(?:fy\s*)?(\d{4})\b/,
    value: (m, _today, fiscalStart) => {
      const first = `${m[2]}-${pad(fiscalStart)}`;
      return quarterWindow(addMonths(first, 3 * (Number(m[1]) - 1)));
    },
  },
  {
    re: /\b(?:in |for |during )?(?:the )?q([1-4])\b/,
    value: (m, today, fiscalStart) => quarterWindow(comingQuarter(Number(m[1]), today, fiscalStart)),
  },
  {
    re: new RegExp(String.raw`\b(?:by |before )(?:the )?(?:end of )?(${MONTH_WORD})(?:\s+(\d{4}))?\b`),
    value: (m, today) => {
      const month = m[2]
        ? `${m[2]}-${pad(monthNumber(m[1] as string))}`
        : comingMonth(monthNumber(m[1] as string), today);
      return { from: today, to: monthEnd(month) };
    },
  },
  {
    re: new RegExp(String.raw`\b(?:in |for |during )?(${MONTH_WORD})\s+(\d{4})\b`),
    value: (m) => monthWindow(`${m[2]}-${pad(monthNumber(m[1] as string))}`),
  },
  {
    // "in January", "due in March", "january renewals", "feb": the next one that is not over
    // ("may" only after "in", since it is also a verb).
    re: new RegExp(String.raw`\b(?:(?:in|for|during) (${MONTH_WORD})|(${MONTH_WORD.replace('|may', '')}))\b`),
    value: (m, today) => monthWindow(comingMonth(monthNumber((m[1] ?? m[2]) as string), today)),
  },
  {
    re: /\b(?:in |for |during )?(?:the )?(this|next) quarter\b/,
    value: (m, today, fiscalStart) => {
      const start = quarterStart(monthOf(today), fiscalStart);
      return quarterWindow(m[1] === 'next' ? addMonths(start, 3) : start);
    },
  },
  {
    re: /\b(?:in |for |during )?(?:the )?(this|next) month\b/,
    value: (m, today) => monthWindow(m[1] === 'next' ? addMonths(monthOf(today), 1) : monthOf(today)),
  },
  {
    re: /\b(?:before|by) (?:the )?(?:end of (?:the )?year|year end|eoy)\b|\bthis year\b/,
    value: (_m, today) => ({ from: today, to: `${today.slice(0, 4)}-12-31` }),
  },
  {
    re: /\b(?:in |for |during )?(?:the )?next (?:fiscal )?year\b/,
    value: (_m, today, fiscalStart) => {
      const year = Number(today.slice(0, 4));
      const currentStart = `${monthOf(today) >= `${year}-${pad(fiscalStart)}` ? year : year - 1}-${pad(fiscalStart)}`;
      const start = addMonths(currentStart, 12);
      return { from: `${start}-01`, to: monthEnd(addMonths(start, 11)) };
    },
  },
];

/**
 * The window ahead a message names, as people mean it: a month that is not over is the coming
 * one ("in January" in December is next January), "next quarter" the next quarter of the
 * team's fiscal year, "in the next 90 days" from today. Null when it names none.
 */
export function windowInWords(normalised: string, today: string, fiscalStart = 1): WindowInWords | null {
  for (const p of PATTERNS) {
    const m = p.re.exec(normalised);
    if (!m) continue;
    return { ...p.value(m, today, fiscalStart), start: m.index, end: m.index + m[0].length };
  }
  return null;
}
