import type { IntentName } from '../intent.ts';

/** Stands in for the account's name in the text the intent rules read. */
export const ACCOUNT_TOKEN = 'xacctx';

export interface TriggerPattern {
  re: RegExp;
  /**
   * A word that also means other things ("score", "save", "grow"): it only counts when the rest
   * of the message names an account, so "what's the score of the game" stays out of scope.
   */
  weak?: boolean;
}

/** How the rules parser recognises questions for one command (declared with the command). */
export interface IntentTriggers {
  /** 'account': about one account; 'book': about a book of accounts; 'help'. */
  kind: 'account' | 'book' | 'help';
  patterns: readonly TriggerPattern[];
  /** Whole-message phrasings for book intents: the surest match. */
  exact?: readonly RegExp[];
}

/** One command's triggers, with its intent: the parser tries them in the registry's order. */
export interface IntentRule extends IntentTriggers {
  intent: IntentName;
}

export const strong = (...res: RegExp[]): TriggerPattern[] => res.map((re) => ({ re }));
export const weak = (...res: RegExp[]): TriggerPattern[] => res.map((re) => ({ re, weak: true }));

/**
 * Words that carry no account name and no intent: trimmed from the ends of what is left once
 * the intent's words are taken out.
 */
export const FILLER_WORDS = new Set(
  `a an the and or of for on at in to with about from by me my our we us i you your they them their it its is are was were be been
  please pls plz thanks thank thx can could would will should shall may might do does did doing done has have had
  what whats what's how hows how's when whens when's where which who why is isn't give show tell get pull run send need want
  let let's lets quick quickly asap now today tonight tomorrow next week weeks month this that these those there here
  hey hi hello yo bot ok okay so just also some any up out into over again still really looking going tracking trending
  performing things able bot account accounts customer customers client clients company status update info information details detail
  prep prepare ready report overview summary review plan plans playbook something stuff like doing going there right
  going to gonna lets able think know see check look help team s save ask use`.split(/\s+/),
);

/** Command words typos are corrected towards ("scroe" → "score"); never a word of an account's name. */
export const COMMAND_WORDS = [
  'score',
  'alerts',
  'scores',
  'health',
  'churn',
  'risk',
  'renewal',
  'renew',
  'onboarding',
  'expansion',
  'upsell',
  'opportunities',
  'portfolio',
  'cohort',
  'cohorts',
  'analysis',
  'retention',
  'report',
  'review',
  'success',
  'plan',
  'prep',
  'prepare',
  'rescue',
  'save',
  'winback',
  'quarterly',
  'business',
  'draft',
  'email',
  'help',
  'revenue',
  'goals',
  'objectives',
  'overview',
  'summary',
  'qbr',
  'nrr',
  'grr',
  'requests',
  'feedback',
  'themes',
  'sla',
  'backtest',
  'dashboard',
] as const;

export const SEGMENT_WORDS: readonly [RegExp, string][] = [
  [/\benterprise\b/, 'enterprise'],
  [/\bmid ?market\b|\bmm\b/, 'mid-market'],
  [/\bsmb\b|\bsmall business(?:es)?\b/, 'smb'],
  [/\bself ?serve\b|\bplg\b/, 'self-serve'],
];

export const EMAIL_KINDS: readonly [RegExp, string][] = [
  [/\bwin ?back (?:email )?(?:1|one|first)\b|\bfirst win ?back\b/, 'winback_1'],
  [/\bwin ?back (?:email )?(?:2|two|second)\b|\bsecond win ?back\b/, 'winback_2'],
  [/\bwin ?back (?:email )?(?:3|three|third)\b|\bthird win ?back\b|\blast win ?back\b/, 'winback_3'],
  [/\bwin ?back\b|\bwinback\b/, 'winback_1'],
  [/\bqbr\b|\bquarterly\b|\bbusiness review\b/, 'qbr_follow_up'],
  [
    /\badvoca\w*\b|\breference (?:call|ask|request)\b|\bcase stud(?:y|ies)\b|\bg2\b|\badvisory board\b/,
    'advocacy_ask',
  ],
  [/\bclosed? (?:the )?loop\b|\bclosed loop\b|\bfeedback (?:reply|response)\b/, 'closed_loop'],
  [/\brenewal\b|\brenew\b/, 'renewal_90_day'],
  [/\badoption\b|\bnudge\b|\busage\b|\bre ?activat\w*\b/, 'adoption_nudge'],
  [/\bsave\b|\boutreach\b|\brescue\b|\bat risk\b|\brisk\b/, 'save_outreach'],
];
