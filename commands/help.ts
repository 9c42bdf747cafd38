import { z } from 'zod';
import { IMPORT_KINDS } from '../store/import/kinds';
import { usageOf } from './command-args';
import { type Command, defineCommand } from './registry-types';

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
