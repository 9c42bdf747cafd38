import type { IntentName, ParsedIntent } from '../intent';
import { normaliseMessage } from './normalise';

interface IntentRule {
  intent: IntentName;
  /** Whole-message phrasings: the surest match. */
  exact: readonly RegExp[];
  /** Phrasings anywhere in the message. */
  contains: readonly RegExp[];
  /** For account commands: phrasings whose first group is the account as typed. */
  mention?: readonly RegExp[];
}

/**
 * Ordered: the first rule that matches wins — the more specific reports first ("NRR for my
 * accounts" is an NRR report), `help` last ("help me with my portfolio").
 */
const RULES: readonly IntentRule[] = [
  {
    intent: 'cohort_analysis',
    exact: [/^(cohorts?|cohort analysis|cohort report|cohort retention)$/],
    contains: [/\bcohorts?\b/, /\bsignup months?\b/],
  },
  {
    intent: 'nrr_report',
    exact: [/^(nrr|nrr report|grr|net revenue retention|gross revenue retention|revenue retention)$/],
    contains: [
      /\bnrr\b/,
      /\bgrr\b/,
      /\bnet (revenue|dollar) retention\b/,
      /\bgross (revenue|dollar) retention\b/,
      /\brevenue retention\b/,
      /\bexpansion rate\b/,
    ],
  },
  {
    intent: 'portfolio_review',
    exact: [/^(portfolio|portfolio review|portfolio overview|book review|my book|my accounts|my portfolio)$/],
    contains: [
      /\bportfolio\b/,
      /\bbook of business\b/,
      /\b(my|our|the|team'?s?|whole|entire) (book|accounts|portfolio)\b/,
      /\bbook (review|overview|summary)\b/,
      /\brenewals?\b.*\b(coming up|due|upcoming|pipeline|next)\b/,
      /\bupcoming renewals?\b/,
    ],
  },
  {
    intent: 'qbr_prep',
    exact: [],
    contains: [],
    mention: [
      /^(?:qbr prep|qbr|prep qbr|prepare qbr|quarterly business review|business review|ebr prep|ebr)\s+(?:for\s+|of\s+|with\s+)?(.+)$/,
      /^(?:prep|prepare)\s+(?:me\s+)?(?:for\s+)?(?:the\s+|our\s+)?(.+?)\s+(?:qbr|quarterly business review|business review|ebr)$/,
      /^(.+?)\s+qbr(?: prep)?$/,
      /\b(?:qbr|quarterly business review)(?: prep)?\s+(?:for|of|with)\s+(.+)$/,
    ],
  },
  {
    intent: 'success_plan',
    exact: [],
    contains: [],
    mention: [
      /^(?:save\s+)?(?:success plan|success plans|account plan|goals|success goals)\s+(?:for\s+|of\s+)?(.+?)(?:\s+and save)?$/,
      /^what are\s+(.+?)(?:'s| s)?\s+goals$/,
      /\bsuccess plan\s+(?:for|of)\s+(.+?)(?:\s+and save)?$/,
    ],
  },
  {
    intent: 'onboarding_plan',
    exact: [],
    contains: [],
    mention: [
      /^(?:onboarding plan|onboarding)\s+(?:for\s+|of\s+)?(.+)$/,
      /^how\s+is\s+(.+?)\s+onboarding(?: going)?$/,
      /\bonboarding plan\s+(?:for|of)\s+(.+)$/,
    ],
  },
  {
    intent: 'winback_plan',
    exact: [],
    contains: [],
    mention: [
      /^(?:win-?back plan|win back plan|win-?back|win back)\s+(?:for\s+|of\s+)?(.+)$/,
      /^how\s+(?:do|can|could|should)\s+we\s+win\s+back\s+(.+)$/,
      /\bwin-?back plan\s+(?:for|of)\s+(.+)$/,
    ],
  },
  {
    intent: 'renewal_prep',
    exact: [],
    contains: [],
    mention: [
      /^(?:renewal prep|renewal plan|renewal|prep renewal|prepare renewal)\s+(?:for\s+|of\s+)?(.+)$/,
      /^(?:prep|prepare)\s+(?:me\s+)?(?:for\s+)?(?:the\s+)?(.+?)\s+renewal$/,
      /^when\s+does\s+(.+?)\s+renew$/,
      /\brenewal prep\s+(?:for|of)\s+(.+)$/,
    ],
  },
  {
    intent: 'save_play',
    exact: [],
    contains: [],
    mention: [
      /^(?:save play|save plan|rescue plan|save|rescue)\s+(?:for\s+|of\s+)?(.+)$/,
      /^how\s+(?:do|can|should)\s+we\s+(?:save|rescue|keep)\s+(.+)$/,
      /\b(?:save play|save plan|rescue plan)\s+(?:for|of)\s+(.+)$/,
    ],
  },
  {
    intent: 'expansion_opportunities',
    exact: [],
    contains: [],
    mention: [
      /^(?:expansion opportunities|expansion opps|upsell opportunities|growth opportunities|expansion|upsell)\s+(?:for\s+|of\s+|at\s+|in\s+)?(.+)$/,
      /^(?:can|could)\s+we\s+(?:upsell|expand|grow)\s+(?:at\s+|in\s+)?(.+)$/,
      /^where\s+can\s+(.+?)\s+(?:grow|expand)$/,
      /\b(?:expansion|upsell) (?:opportunities|opps|potential)\s+(?:for|at|in)\s+(.+)$/,
    ],
  },
  {
    intent: 'churn_risk',
    exact: [],
    contains: [],
    mention: [
      /^(?:churn risk|risk|churn)\s+(?:for\s+|of\s+|on\s+)?(.+)$/,
      /^(?:are|will)\s+we\s+(?:going to\s+)?(?:lose|losing)\s+(.+)$/,
      /^is\s+(.+?)\s+(?:at risk|going to churn|likely to churn|a churn risk)$/,
      /^(.+?)\s+churn risk$/,
      /\bchurn risk\s+(?:for|of|on)\s+(.+)$/,
    ],
  },
  {
    intent: 'score',
    exact: [],
    contains: [],
    mention: [
      /^(?:health ?score|health ?check|health|score|scroe|socre|scor)\s+(?:for\s+|of\s+|on\s+)?(.+)$/,
      /^how(?:'s| is| are)\s+(.+?)\s+(?:doing|looking|going)$/,
      /\bhealth(?: score)?\s+(?:for|of|on)\s+(.+)$/,
      /^(.+?)\s+health(?: ?score)?$/,
    ],
  },
  {
    intent: 'help',
    exact: [/^(help|\?|commands|menu|what can you do|what do you do|how does this work|hi|hello|hey)$/],
    contains: [/\bhelp\b/, /\bwhat can you\b/, /\bwhat do you (do|know)\b/, /\bhow do i (use|ask)\b/],
  },
];

const SEGMENT_WORDS: readonly [RegExp, string][] = [
  [/\benterprise\b/, 'enterprise'],
  [/\bmid[- ]?market\b|\bmm\b/, 'mid-market'],
  [/\bsmb\b|\bsmall business(es)?\b/, 'smb'],
  [/\bself[- ]?serve\b|\bplg\b/, 'self-serve'],
];

/** Arguments the rules can read from words; the router keeps only those a command accepts. */
export function extractArgs(normalised: string): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [pattern, segment] of SEGMENT_WORDS) {
    if (pattern.test(normalised)) {
      args.segment = segment;
      break;
    }
  }
  if (/\bmy (book|accounts|portfolio|renewals)\b|\bmine\b/.test(normalised)) args.scope = 'mine';
  else if (/\b(team|whole|entire|all)\b/.test(normalised)) args.scope = 'team';
  const date = /\b(\d{4}-\d{2}(?:-\d{2})?)\b/.exec(normalised);
  if (date) args.as_of = date[1];
  if (/^save\b|\band save$/.test(normalised)) args.save = true;
  if (/\b(revenue|mrr|dollar|arr)\b/.test(normalised)) args.metric = 'revenue';
  else if (/\b(logos?|customers?|accounts?)\b/.test(normalised)) args.metric = 'logo';
  return args;
}

/** The message without words that are arguments, not the account: "as of 2026-06", "please", "today". */
function stripArgWords(normalised: string): string {
  return normalised
    .replace(/\b(as of|as at|on)\s+\d{4}-\d{2}(-\d{2})?\b/g, ' ')
    .replace(/\b(please|pls|thanks|thank you|today|right now|now)\b/g, ' ')
    .replace(/[?.!]+$/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The rules parser: no LLM, deterministic. Considers only the intents given (the commands that
 * exist); anything else is `unknown` with confidence 0.
 */
export function parseWithRules(text: string, intents: readonly IntentName[]): ParsedIntent {
  const normalised = normaliseMessage(text);
  const allowed = new Set(intents);
  const stripped = stripArgWords(normalised);
  for (const rule of RULES) {
    if (!allowed.has(rule.intent)) continue;
    for (const pattern of rule.mention ?? []) {
      const m = pattern.exec(stripped);
      const mention = m?.[1]?.trim();
      if (mention)
        return {
          text,
          intent: rule.intent,
          accountMention: mention,
          args: extractArgs(normalised),
          via: 'rules',
          confidence: 0.85,
        };
    }
    const exact = rule.exact.some((p) => p.test(normalised));
    if (exact || rule.contains.some((p) => p.test(normalised))) {
      return {
        text,
        intent: rule.intent,
        accountMention: null,
        args: extractArgs(normalised),
        via: 'rules',
        confidence: exact ? 0.95 : 0.8,
      };
    }
  }
  return { text, intent: 'unknown', accountMention: null, args: {}, via: 'rules', confidence: 0 };
}
