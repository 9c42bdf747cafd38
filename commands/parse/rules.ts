import { monthOf } from '../../core/calendar.ts';
import { productCatalogue } from '../../knowledge/product-catalogue.ts';
import { quarterStart, quarterWindow } from '../../tools/dates/fiscal.ts';
import { editDistance } from '../../tools/text/edit-distance.ts';
import type { IntentName, ParsedIntent } from '../intent.ts';
import type { AccountLexicon } from './account-lexicon.ts';
import { type AsOfInWords, asOfInWords } from './dates-in-words.ts';
import { feedbackLogIn } from './feedback-log.ts';
import { csmInWords, listFiltersIn, type TeamMember } from './list-filters.ts';
import { normaliseMessage } from './normalise.ts';
import {
  ACCOUNT_TOKEN,
  COMMAND_WORDS,
  EMAIL_KINDS,
  FILLER_WORDS,
  type IntentRule,
  SEGMENT_WORDS,
} from './vocabulary.ts';
import { RENEWAL_WORDS, type WindowInWords, windowInWords } from './windows-in-words.ts';

const productNames = () => Object.keys(productCatalogue().products);

export interface RulesOptions {
  /** 'YYYY-MM-DD': what "last quarter" or "as of March" are relative to. */
  today: string;
  /** The month the team's fiscal year starts (1–12): what "next quarter" and "Q1" follow. Default 1. */
  fiscalYearStart?: number;
  /** The CSMs, for "Priya's accounts"; without them a list is not narrowed to a named CSM. */
  team?: readonly TeamMember[];
  /** The store's account names; without it the parser cannot tell an account from other words. */
  accounts?: AccountLexicon;
  /** Each command's triggers, in the order they are tried (the registry's: intentRules()). */
  rules: readonly IntentRule[];
}

/** Confidence below this is "the rules are unsure": the LLM fallback may look at it. */
export const LOW_CONFIDENCE = 0.6;

const TYPO_PENALTY = 0.1;

interface Token {
  /** As typed (lower case), used for the account name. */
  text: string;
  /** After command-word typo correction, used for the intent. */
  word: string;
  start: number;
  end: number;
}

function tokenise(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/[^\s\-/']+/g)) {
    const raw = m[0].replace(/[.:,;!?]+$/, '');
    if (raw === '') continue;
    tokens.push({ text: raw, word: raw, start: m.index, end: m.index + m[0].length });
  }
  return tokens;
}

const ordinaryWordsCache = new WeakMap<readonly IntentRule[], ReadonlySet<string>>();

/**
 * Every word the intent rules know, and the filler words: spelled right (never "corrected"),
 * and never taken alone for an account's name.
 */
function ordinaryWords(rules: readonly IntentRule[]): ReadonlySet<string> {
  let words = ordinaryWordsCache.get(rules);
  if (!words) {
    words = new Set([
      ...FILLER_WORDS,
      ...COMMAND_WORDS,
      ...rules
        .flatMap((r) => [...r.patterns.map((p) => p.re), ...(r.exact ?? [])])
        .flatMap((re) => re.source.match(/[a-z]{3,}/g) ?? []),
    ]);
    ordinaryWordsCache.set(rules, words);
  }
  return words;
}

function correctTypo(
  word: string,
  accounts: AccountLexicon | undefined,
  ordinary: ReadonlySet<string>,
): string | null {
  if (ordinary.has(word) || /\d/.test(word) || accounts?.hasToken(word)) return null;
  const limit = word.length >= 7 ? 2 : word.length >= 3 ? 1 : 0;
  if (limit === 0) return null;
  let best: { w: string; d: number } | null = null;
  for (const w of COMMAND_WORDS) {
    // A three-letter word is only a typo of a short command word ("sav", "qrb").
    if (word.length === 3 && w.length > 4) continue;
    if (Math.abs(w.length - word.length) > limit) continue;
    const d = editDistance(word, w);
    if (d <= limit && (!best || d < best.d)) best = { w, d };
  }
  return best?.w ?? null;
}

/** Days a "what changed" question looks back: "this week", "the last two weeks", "past 30 days". */
function lookbackDays(words: string): number | undefined {
  if (/\b(?:this|past|last) month\b|\blast 30 days\b/.test(words)) return 30;
  if (/\b(?:last|past) (?:two|2) weeks\b|\blast 14 days\b/.test(words)) return 14;
  if (/\bthis week\b|\b(?:past|last) week\b|\blast 7 days\b/.test(words)) return 7;
  return undefined;
}

/** The dates a message names: a window ahead when renewal words go with it, else an as-of date. */
interface DatesInWords {
  window: WindowInWords | null;
  asOf: AsOfInWords | null;
}

function datesIn(normalised: string, options: Omit<RulesOptions, 'rules'>): DatesInWords {
  const window = RENEWAL_WORDS.test(normalised.replace(/[-/']/g, ' '))
    ? windowInWords(normalised, options.today, options.fiscalYearStart ?? 1)
    : null;
  // A month or quarter with renewal words is a window ahead, never an as-of date.
  return { window, asOf: window ? null : asOfInWords(normalised, options.today) };
}

/** The renewal window, and the book a list is about, when the words name them. */
function listArgs(words: string, window: WindowInWords | null, options: Omit<RulesOptions, 'rules'>) {
  const args: Record<string, unknown> = listFiltersIn(words, productNames());
  if (window) {
    args.renewal_from = window.from;
    args.renewal_to = window.to;
    // A forecast's period: this quarter is its default, so only another period is said.
    const quarter = quarterWindow(quarterStart(monthOf(options.today), options.fiscalYearStart ?? 1));
    if (window.from !== quarter.from || window.to !== quarter.to) {
      args.from = window.from;
      args.to = window.to;
    }
  }
  const trackRecord =
    /\btrack record\b|\bhow (?:accurate|good|well)\b.*\bforecast|\b(?:past|previous|earlier) (?:renewal )?forecasts?\b|\bforecast\w* (?:accuracy|history)\b/;
  if (trackRecord.test(words)) args.track_record = true;
  const csm = csmInWords(words, options.team ?? options.accounts?.team ?? []);
  if (csm) args.csm = csm;
  const days = lookbackDays(words);
  if (days !== undefined) args.days = days;
  return args;
}

/** Arguments the rules read from words; the router keeps only those a command accepts. */
function extractArgs(
  normalised: string,
  dates: DatesInWords,
  options: Omit<RulesOptions, 'rules'>,
): Record<string, unknown> {
  const words = normalised.replace(/[-/']/g, ' ');
  const args = listArgs(words, dates.window, options);
  for (const [pattern, segment] of SEGMENT_WORDS) {
    if (pattern.test(words)) {
      args.segment = segment;
      break;
    }
  }
  if (args.csm === undefined) {
    if (/\bmy\b|\bmine\b|\bi own\b|\bi haven t\b/.test(words)) args.scope = 'mine';
    else if (/\b(?:team|whole|entire|all|everyone|company wide|org wide)\b/.test(words)) args.scope = 'team';
  }
  if (dates.asOf) args.as_of = dates.asOf.asOf;
  if (/\b(?:revenue|mrr|dollar|dollars|arr)\b/.test(words)) args.metric = 'revenue';
  else if (/\b(?:logos?|customers?|accounts?)\b/.test(words)) args.metric = 'logo';
  if (/^save\b|\band save\b|\bsave it\b/.test(words)) args.save = true;
  const topic =
    /^help (accounts|portfolio|revenue|voice|customer voice|trust|alerts|trust and alerts|all|everything)$/.exec(
      words,
    );
  if (topic)
    args.topic =
      (
        {
          revenue: 'portfolio',
          'customer voice': 'voice',
          alerts: 'trust',
          'trust and alerts': 'trust',
          everything: 'all',
        } as Record<string, string>
      )[topic[1] as string] ?? topic[1];
  for (const [pattern, kind] of EMAIL_KINDS) {
    if (pattern.test(words)) {
      args.kind = kind;
      break;
    }
  }
  return args;
}

/** The probe text intent rules read: corrected words, the account's name replaced by one token. */
function probeOf(tokens: readonly Token[], span: { start: number; end: number } | null) {
  const words: { word: string; from: number; to: number }[] = [];
  tokens.forEach((t, i) => {
    if (span && i >= span.start && i < span.end) {
      if (i === span.start) words.push({ word: ACCOUNT_TOKEN, from: i, to: span.end });
    } else words.push({ word: t.word, from: i, to: i + 1 });
  });
  let offset = 0;
  const positions = words.map((w) => {
    const at = offset;
    offset += w.word.length + 1;
    return { ...w, at };
  });
  return { text: words.map((w) => w.word).join(' '), positions };
}

interface Match {
  rule: IntentRule;
  weak: boolean;
  exact: boolean;
  /** Token indices the trigger used. */
  used: Set<number>;
}

function findIntent(
  probe: ReturnType<typeof probeOf>,
  rules: readonly IntentRule[],
  allowed: ReadonlySet<IntentName>,
  hasSpan: boolean,
) {
  const ordinary = ordinaryWords(rules);
  const matches: Match[] = [];
  for (const rule of rules) {
    if (!allowed.has(rule.intent)) continue;
    // A named account turns a book question ("renewals", "early-warning signals") into a
    // question about that account.
    if (rule.kind === 'book' && hasSpan) continue;
    if (rule.exact?.some((re) => re.test(probe.text)))
      return [{ rule, weak: false, exact: true, used: new Set<number>() }];
    for (const p of rule.patterns) {
      const m = p.re.exec(probe.text);
      if (!m) continue;
      const used = new Set<number>();
      for (const w of probe.positions) {
        if (w.word === ACCOUNT_TOKEN) continue;
        // Inside a frame like "how is … doing" only the rule's own words are used up.
        const inside = w.at < m.index + m[0].length && w.at + w.word.length > m.index;
        if (inside && ordinary.has(w.word)) for (let i = w.from; i < w.to; i++) used.add(i);
      }
      matches.push({ rule, weak: p.weak === true, exact: false, used });
      break;
    }
    // The first rule with a strong match decides; a weak one waits for a stronger rule below it.
    const last = matches.at(-1);
    if (last && last.rule === rule && !last.weak) break;
  }
  return matches;
}

/** What is left for the account's name once the intent's words, dates and fillers are gone. */
function residualMention(
  tokens: readonly Token[],
  used: ReadonlySet<number>,
  skip: ReadonlySet<number>,
): string | null {
  const runs: Token[][] = [];
  let run: Token[] = [];
  tokens.forEach((t, i) => {
    if (used.has(i) || skip.has(i)) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push(t);
  });
  if (run.length > 0) runs.push(run);
  const trimmed = runs
    .map((r) => {
      let a = 0;
      let b = r.length;
      while (a < b && FILLER_WORDS.has((r[a] as Token).word)) a++;
      while (b > a && FILLER_WORDS.has((r[b - 1] as Token).word)) b--;
      return r.slice(a, b);
    })
    .filter((r) => r.length > 0);
  if (trimmed.length === 0) return null;
  const longest = trimmed.reduce((best, r) => (r.length > best.length ? r : best));
  return longest.map((t) => t.text).join(' ');
}

const unknown = (text: string, confidence = 0): ParsedIntent => ({
  text,
  intent: 'unknown',
  accountMention: null,
  args: {},
  via: 'rules',
  confidence,
});

/**
 * The rules parser: no LLM, deterministic. Finds the account's name first (from the store's
 * names when given), corrects typos in command words, reads the intent from the rest, and the
 * arguments from words and dates. Only the intents given are considered; anything else is
 * `unknown`. Confidence: 0.95 for a named account or a whole-message phrasing, 0.85 for a
 * near-miss account name, 0.7 for a name the store does not know, less after typo fixes; weak
 * words without an account are out of scope (0.3), so the LLM may take them.
 */
export function parseWithRules(
  text: string,
  intents: readonly IntentName[],
  options: RulesOptions,
): ParsedIntent {
  const logged = intents.includes('log_feedback') ? feedbackLogIn(text) : null;
  if (logged)
    return {
      text,
      intent: 'log_feedback',
      accountMention: logged.account,
      args: { text: logged.text },
      via: 'rules',
      confidence: 0.95,
    };
  const normalised = normaliseMessage(text);
  const dates = datesIn(normalised, options);
  // An as-of date's words are left out of the intent rules; a window's stay ("renewals in Q1").
  const date = dates.asOf;
  const tokens = tokenise(normalised);
  const skip = new Set<number>();
  if (date)
    tokens.forEach((t, i) => {
      if (t.start >= date.start && t.end <= date.end) skip.add(i);
    });
  const ordinary = ordinaryWords(options.rules);
  const span =
    options.accounts?.findSpan(
      tokens.map((t) => t.text),
      ordinary,
    ) ?? null;
  let corrected = false;
  tokens.forEach((t, i) => {
    if (span && i >= span.start && i < span.end) return;
    const fix = correctTypo(t.word, options.accounts, ordinary);
    if (fix) {
      t.word = fix;
      corrected = true;
    }
  });
  const kept = tokens.filter((_, i) => !skip.has(i));
  const keptIndex = tokens.map((_, i) => i).filter((i) => !skip.has(i));
  const keptSpan = span && { start: keptIndex.indexOf(span.start), end: keptIndex.indexOf(span.end - 1) + 1 };
  const probe = probeOf(kept, keptSpan);
  const matches = findIntent(probe, options.rules, new Set(intents), span !== null);
  const args = extractArgs(normalised, dates, options);
  const penalty = corrected ? TYPO_PENALTY : 0;
  const spanMention = span ? writtenName(normalised, tokens, span) : null;
  const reading = { probe: probe.text, mention: spanMention, args };
  for (const match of matches) {
    const used = new Set([...match.used].map((k) => keptIndex[k] as number));
    if (match.rule.kind !== 'account') {
      if (match.rule.kind === 'help' && !match.exact) {
        // "help" with a topic we do not cover ("help me write a poem") is out of scope.
        const rest = residualMention(tokens, used, skip);
        if (rest !== null) continue;
      }
      return {
        text,
        intent: match.rule.intent,
        accountMention: null,
        args,
        via: 'rules',
        confidence: round((match.exact ? 0.95 : 0.9) - penalty),
        reading,
      };
    }
    const mention = spanMention ?? residualMention(tokens, used, skip);
    const near = span !== null || (mention !== null && (options.accounts?.isNearName(mention) ?? true));
    if (match.weak && !near) continue;
    return {
      text,
      intent: match.rule.intent,
      accountMention: mention,
      args,
      via: 'rules',
      confidence: round((span ? 0.95 : near ? 0.85 : mention ? 0.7 : 0.75) - penalty),
      reading,
    };
  }
  return { ...(matches.length > 0 ? unknown(text, 0.3) : unknown(text)), reading };
}

const round = (x: number) => Math.round(x * 100) / 100;

/** The account's name as written (a domain keeps its dots and dashes: pinnacle-health.example). */
function writtenName(
  normalised: string,
  tokens: readonly Token[],
  span: { start: number; end: number },
): string {
  return normalised
    .slice((tokens[span.start] as Token).start, (tokens[span.end - 1] as Token).end)
    .replace(/[.:,;!?]+$/, '');
}
