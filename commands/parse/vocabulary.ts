import type { IntentName } from '../intent';

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

export interface IntentRule {
  intent: IntentName;
  /** 'account': about one account; 'book': about a book of accounts; 'help'. */
  kind: 'account' | 'book' | 'help';
  patterns: readonly TriggerPattern[];
  /** Whole-message phrasings for book intents: the surest match. */
  exact?: readonly RegExp[];
}

const strong = (...res: RegExp[]): TriggerPattern[] => res.map((re) => ({ re }));
const weak = (...res: RegExp[]): TriggerPattern[] => res.map((re) => ({ re, weak: true }));

/**
 * The intents in the order they are tried: the more specific first ("QBR goals" is QBR prep,
 * "renewal prep" before "renewals coming up"), help last.
 */
export const INTENT_RULES: readonly IntentRule[] = [
  {
    intent: 'score_backtest',
    kind: 'book',
    exact: [/^(?:backtest|score backtest|health backtest|backtest the (?:health )?score)$/],
    patterns: strong(
      /\bbacktest\w*\b/,
      /\bhow (?:good|accurate|reliable|trustworthy|well calibrated) is (?:our|the|my) (?:health )?scor\w*\b/,
      /\b(?:can|do|should) (?:we|i) trust (?:our|the|my) (?:health )?scor\w*\b/,
      /\b(?:does|do) (?:our|the|my) (?:health )?scores? (?:predict|forecast|catch|separate)\b/,
      /\b(?:health )?score (?:accuracy|calibration)\b/,
      /\bdisagree\w* (?:report|calibration)\b/,
    ),
  },
  {
    intent: 'alerts',
    kind: 'book',
    exact: [/^(?:alerts|my alerts|open alerts|show (?:my )?alerts|any alerts\??|warnings|my warnings)$/],
    patterns: strong(
      /\b(?:my|open|new|active|todays?|today'?s|today s|unacknowledged|the|any) (?:early[- ]warning )?alerts\b/,
      /\b(?:show|list|give)(?: me)? alerts\b/,
      /\balerts? (?:for|on|in) (?:my|the) (?:book|accounts|team|portfolio)\b/,
      /\bearly[- ]warnings?\b/,
    ),
  },
  {
    intent: 'feedback_sla',
    kind: 'book',
    exact: [/^(?:feedback sla|feedback slas|sla|slas|sla breaches|feedback sla breaches)$/],
    patterns: strong(
      /\bfeedback\b.{0,24}\bslas?\b/,
      /\bslas? (?:breach\w*|status|report|overview)\b/,
      /\b(?:overdue|breached|late) feedback\b/,
      /\bfeedback\b.{0,30}\b(?:overdue|breach\w*)\b/,
    ),
  },
  {
    intent: 'top_requests',
    kind: 'book',
    exact: [/^(?:top requests|top asks|top feature requests|feature requests|requests)$/],
    patterns: strong(
      /\btop (?:\d+ )?(?:feature |customer |product )?(?:requests?|asks)\b/,
      /\bmost (?:requested|asked for|wanted)\b/,
      /\bwhat (?:are|do) (?:customers|clients|users) (?:asking|ask) for\b/,
      /\b(?:biggest|top|main) (?:customer )?(?:asks|pain points)\b/,
      /\brequests? ranked\b/,
    ),
  },
  {
    intent: 'feedback_themes',
    kind: 'book',
    exact: [/^(?:themes|feedback themes|voc themes|themes this month|voc trends|feedback trends)$/],
    patterns: strong(
      /\bthemes?\b/,
      /\b(?:what|which) (?:are|do) (?:customers|clients|users) complain\w* about\b/,
      /\bfeedback (?:trends?|by theme|breakdown)\b/,
      /\bvoc (?:trends?|report|summary)\b/,
    ),
  },
  {
    intent: 'account_feedback',
    kind: 'account',
    patterns: [
      ...strong(
        /\bfeedback (?:for|from|of|on|about)\b/,
        /\bwhat (?:has|have|did)\b.{1,48}\b(?:told|said to|say to|tell) us\b/,
        /\bvoice of (?:the )?customer\b/,
        /\b(?:nps|csat) (?:comments?|feedback|responses?)\b/,
        /\bcustomer feedback\b/,
      ),
      ...weak(/\bfeedback\b/, /\bcomplain\w*\b/),
    ],
  },
  {
    intent: 'draft_email',
    kind: 'account',
    patterns: strong(
      /\b(?:draft|write|compose|prepare|create|generate|draw up)\b(?: me| up)?(?: (?:a|an|the|our|my))?.{0,48}?\b(?:e ?mail|emails|email draft)\b/,
      /\be ?mail draft\b/,
      /\bdraft\b.{0,40}\b(?:follow up|outreach|nudge|note)\b/,
    ),
  },
  {
    intent: 'cohort_analysis',
    kind: 'book',
    exact: [/^(?:cohorts?|cohort analysis|cohort report|cohort retention|cohort table)$/],
    patterns: strong(
      /\bcohorts?\b/,
      /\bsign ?up months?\b/,
      /\bretention by (?:signup|start|join) month\b/,
      /\bvintages?\b/,
    ),
  },
  {
    intent: 'nrr_report',
    kind: 'book',
    exact: [/^(?:nrr|nrr report|grr|ndr|net revenue retention|gross revenue retention|revenue retention)$/],
    patterns: strong(
      /\bnrr\b/,
      /\bgrr\b/,
      /\bndr\b/,
      /\bnet (?:revenue|dollar) retention\b/,
      /\bgross (?:revenue|dollar) retention\b/,
      /\brevenue retention\b/,
      /\b(?:net|gross) retention\b/,
      /\bexpansion rate\b/,
      /\bretention (?:report|numbers|rates?|metrics|figures)\b/,
      /\bmrr (?:movements|bridge|waterfall|changes)\b/,
      /\b(?:logo|revenue|gross|net) churn rate\b/,
      /\bchurn rate\b/,
      /\blogo retention\b/,
      /\bquick ratio\b/,
    ),
  },
  {
    intent: 'portfolio_review',
    kind: 'book',
    exact: [
      /^(?:portfolio|portfolio review|portfolio overview|book review|my book|my accounts|my portfolio|book of business)$/,
    ],
    patterns: strong(
      /\bportfolio\b/,
      /\bbook of business\b/,
      /\b(?:my|our|the|team s|whole|entire|all) (?:book|accounts|customers|clients)\b/,
      /\b(?:which|what|any|how many) (?:of (?:my|our) )?(?:accounts|customers|clients)\b/,
      /\bbook (?:review|overview|summary|health)\b/,
      /\bupcoming renewals\b/,
      /\brenewals\b/,
      /\brenewal (?:pipeline|calendar|forecast)\b/,
      /\b(?:at risk|critical|thriving|healthy) (?:accounts|customers|logos)\b/,
      /\b(?:accounts|customers) (?:at risk|renewing)\b/,
      /\bhow is my book\b/,
    ),
  },
  {
    intent: 'winback_plan',
    kind: 'account',
    patterns: strong(
      /\bwin ?back\b/,
      /\bwinback\b/,
      /\bbring\b.{0,30}\bback\b/,
      /\bre ?engage\b/,
      /\bwin\b.{0,30}\bback\b/,
    ),
  },
  {
    intent: 'onboarding_plan',
    kind: 'account',
    patterns: strong(
      /\bonboard(?:ing|ed)?\b/,
      /\bimplementation (?:plan|status|progress)\b/,
      /\btime to (?:first )?value\b/,
      /\bttfv\b/,
      /\bkick ?off\b/,
      /\b(?:go|gone|went|going) ?live\b/,
    ),
  },
  {
    intent: 'qbr_prep',
    kind: 'account',
    patterns: strong(
      /\bqbrs?\b/,
      /\bebrs?\b/,
      /\bquarterly (?:business )?(?:review|check ?in|meeting|sync)\b/,
      /\bbusiness review\b/,
    ),
  },
  {
    intent: 'success_plan',
    kind: 'account',
    patterns: strong(
      /\bsuccess plans?\b/,
      /\baccount plans?\b/,
      /\bsuccess criteria\b/,
      /\bdesired outcomes\b/,
      /\bgoals\b/,
      /\bobjectives\b/,
    ),
  },
  {
    intent: 'renewal_prep',
    kind: 'account',
    patterns: strong(
      /\brenewal (?:prep|plan|preparation|strategy|checklist|playbook|timeline|status|call|meeting)\b/,
      /\b(?:prep|prepare|preparing|ready)\b.{0,40}\brenewal\b/,
      /\brenewal\b/,
      /\brenew(?:s|ing|ed)?\b/,
      /\bcontract (?:end|ends|ending|expires|expiry)\b/,
    ),
  },
  {
    intent: 'save_play',
    kind: 'account',
    patterns: [
      ...strong(
        /\bsave (?:play|plan|playbook|strategy)\b/,
        /\brescu\w*\b/,
        /\bturn ?around\b/,
        /\b(?:keep|retain|stop)\b.{0,40}\b(?:churning|leaving|cancell?ing)\b/,
        /\bretention plan\b/,
        /\bhow (?:do|can|should|could) (?:we|i) (?:save|keep|retain|hold on to)\b/,
      ),
      ...weak(/\bsave\b/),
    ],
  },
  {
    intent: 'expansion_opportunities',
    kind: 'account',
    patterns: [
      ...strong(
        /\bexpansion\b/,
        /\bexpand\b/,
        /\bupsell\w*\b/,
        /\bup sell\b/,
        /\bcross ?sell\w*\b/,
        /\bwhite ?space\b/,
        /\bmore seats\b/,
        /\bgrowth (?:opportunit\w+|potential|plays?)\b/,
      ),
      ...weak(/\bgrow\b/, /\bupgrade\b/, /\bupside\b/),
    ],
  },
  {
    intent: 'churn_risk',
    kind: 'account',
    patterns: [
      ...strong(
        /\bchurn risk\b/,
        /\brisk of (?:churn|losing|leaving)\b/,
        /\b(?:likely|going|about|planning) to (?:leave|cancel|churn)\b/,
        /\bchurn(?:ing)?\b/,
        /\bat risk\b/,
        /\bflight risk\b/,
        /\bwarning signs?\b/,
        /\bred flags?\b/,
        /\brisky\b/,
      ),
      ...weak(/\brisk\b/, /\b(?:lose|losing)\b/, /\bleaving\b/, /\bcancel\w*\b/, /\bworried\b/),
    ],
  },
  {
    intent: 'score',
    kind: 'account',
    patterns: [
      ...strong(/\bhealth ?scores?\b/, /\bhealth ?check\b/, /\bhow healthy\b/, /\bscore ?card\b/),
      ...weak(
        /\bhow (?:is|s|are|has|have|was)\b.{0,60}\b(?:doing|looking|going|tracking|trending|performing)\b/,
        /^how s\b/,
        /\bhow (?:are )?things\b/,
        /\bhealthy\b/,
        /\bscores?\b/,
        /\bhealth\b/,
        /\bstatus (?:of|for|on)\b/,
        /\bcheck (?:on|in on)\b/,
        /\bpulse\b/,
        /\bupdate on\b/,
      ),
    ],
  },
  {
    intent: 'help',
    kind: 'help',
    exact: [
      /^(?:help|\?|commands|menu|options|usage|what can you do|what do you do|how does this work|hi|hello|hey|yo|help me|help please)$/,
    ],
    patterns: strong(
      /\bwhat can (?:you|i)\b/,
      /\bwhat (?:are you able|is this bot able) to\b/,
      /\bhow does (?:this|the|it)(?: bot| thing| app)? work\b/,
      /\bwhat do you (?:do|know)\b/,
      /\bhow do i (?:use|ask)\b/,
      /\b(?:list|show)(?: me)? (?:the |your )?commands\b/,
      /\bhelp\b/,
    ),
  },
];

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
  [/\bclosed? (?:the )?loop\b|\bclosed loop\b|\bfeedback (?:reply|response)\b/, 'closed_loop'],
  [/\brenewal\b|\brenew\b/, 'renewal_90_day'],
  [/\badoption\b|\bnudge\b|\busage\b|\bre ?activat\w*\b/, 'adoption_nudge'],
  [/\bsave\b|\boutreach\b|\brescue\b|\bat risk\b|\brisk\b/, 'save_outreach'],
];
