import { z } from 'zod';
import { IMPORT_KINDS } from '../../store/import/kinds.ts';
import { usageOf } from '../command-args.ts';
import { strong } from '../parse/vocabulary.ts';
import { type Command, defineCommand } from '../registry-types.ts';
import { renderHelp } from './render.ts';

export const HelpData = z.object({
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
    args: z.object({}).strict(),
    result: HelpData,
    async run(ctx) {
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
      return {
        data: {
          commands,
          import_kinds: IMPORT_KINDS.map((k) => ({ kind: k.kind, description: k.description })),
        },
        asOf: ctx.today,
        definitions: {},
      };
    },
  });
}
