import { z } from 'zod';
import { IMPORT_KINDS } from '../../store/import/kinds.ts';
import { usageOf } from '../command-args.ts';
import { strong } from '../parse/vocabulary.ts';
import { type Command, defineCommand } from '../registry-types.ts';
import { renderHelp } from './render.ts';

/** Help's topics, most asked first; a command not listed falls under the last. */
export const HELP_TOPICS = [
  {
    topic: 'accounts',
    title: 'Accounts',
    intents: [
      'accounts',
      'account_glance',
      'score',
      'churn_risk',
      'renewal_prep',
      'qbr_prep',
      'save_play',
      'success_plan',
      'onboarding_plan',
      'expansion_opportunities',
      'winback_plan',
      'my_day',
    ],
  },
  {
    topic: 'portfolio',
    title: 'Portfolio and revenue',
    intents: ['portfolio_review', 'movers', 'nrr_report', 'cohort_analysis', 'renewal_forecast'],
  },
  {
    topic: 'voice',
    title: 'Customer voice',
    intents: [
      'signals',
      'book_signals',
      'account_feedback',
      'top_requests',
      'feedback_themes',
      'feedback_sla',
      'shipped_requests',
      'advocates',
      'draft_email',
      'log_feedback',
      'channels',
    ],
  },
  { topic: 'trust', title: 'Trust and alerts', intents: [] as string[] },
] as const;
export const HELP_TOPIC_IDS = ['accounts', 'portfolio', 'voice', 'trust', 'all'] as const;
/** Topics `help` shows in full; the others get one line pointing to `help <topic>`. */
const SHOWN_BY_DEFAULT = new Set(['accounts', 'portfolio']);

const Entry = z.object({
  intent: z.string(),
  title: z.string(),
  summary: z.string(),
  examples: z.array(z.string()),
  run: z.string(),
});

export const HelpData = z.object({
  topic: z.enum(HELP_TOPIC_IDS).nullable(),
  /** Every topic with its commands; `shown` says whether its commands are listed in this answer. */
  groups: z.array(
    z.object({ topic: z.string(), title: z.string(), shown: z.boolean(), commands: z.array(Entry) }),
  ),
  /** The commands listed in this answer, in the groups' order. */
  commands: z.array(
    z.object({
      intent: z.string(),
      title: z.string(),
      summary: z.string(),
      examples: z.array(z.string()),
      run: z.string(),
    }),
  ),
  import_kinds: z.array(z.object({ kind: z.string(), description: z.string() })),
});
export type HelpData = z.infer<typeof HelpData>;

/** Lists every command with an example; built over the registry it is part of. */
export function createHelpCommand(listCommands: () => readonly Command[]) {
  return defineCommand({
    intent: 'help',
    title: 'Help',
    summary: 'What I can answer, with an example of each',
    examples: ['help', 'what can you do?'],
    triggers: {
      kind: 'help',
      exact: [
        /^help (?:accounts|portfolio|revenue|voice|customer voice|trust|alerts|trust and alerts|all|everything)$/,
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
    render: renderHelp,
    account: 'none',
    access: { area: 'help', write: false, target: 'none' },
    args: z.object({ topic: z.enum(HELP_TOPIC_IDS).optional() }).strict(),
    result: HelpData,
    async run(ctx, args) {
      // Commands without examples are writes made by buttons and `cse` sub-commands, not questions.
      const commands = listCommands()
        .filter((c) => c.examples.length > 0)
        .map((c) => ({
          intent: c.intent,
          title: c.title,
          summary: c.summary,
          examples: [...c.examples],
          run: `cse run ${c.intent}${c.account === 'required' ? ' --account <name>' : ''} ${usageOf(c.args)}`.trim(),
        }));
      const topicOf = (intent: string) =>
        HELP_TOPICS.find((t) => (t.intents as readonly string[]).includes(intent))?.topic ?? 'trust';
      const rank = (intent: string) => {
        const t = HELP_TOPICS.find((g) => g.topic === topicOf(intent));
        const at = (t?.intents as readonly string[] | undefined)?.indexOf(intent) ?? -1;
        return HELP_TOPICS.findIndex((g) => g.topic === topicOf(intent)) * 100 + (at < 0 ? 99 : at);
      };
      const ordered = [...commands].sort((a, b) => rank(a.intent) - rank(b.intent));
      const shown = (topic: string) =>
        args.topic === undefined ? SHOWN_BY_DEFAULT.has(topic) : args.topic === 'all' || args.topic === topic;
      const groups = HELP_TOPICS.map((t) => ({
        topic: t.topic,
        title: t.title,
        shown: shown(t.topic),
        commands: ordered.filter((c) => topicOf(c.intent) === t.topic),
      }));
      return {
        data: {
          topic: args.topic ?? null,
          groups,
          commands: groups.filter((g) => g.shown).flatMap((g) => g.commands),
          import_kinds: IMPORT_KINDS.map((k) => ({ kind: k.kind, description: k.description })),
        },
        asOf: ctx.today,
        definitions: {},
      };
    },
  });
}
