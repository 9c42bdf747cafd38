import type { Answer } from '../../commands/router.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { print, printJson } from '../output.ts';
import { commandContext, type GlobalOptions, openRuntime, type Runtime, usingRuntime } from '../runtime.ts';

/**
 * Opens the store and prepares the command at the same time (the embedded store's file reads and
 * WebAssembly compilation overlap module loading). When preparing fails (an unknown intent, a bad
 * option), the store is closed and that error is the one shown.
 */
async function openWhilePreparing<T>(
  globals: GlobalOptions,
  prepare: () => Promise<T>,
): Promise<[Promise<Runtime>, T]> {
  const opening = openRuntime(globals);
  // Its failure (a store in use) is reported where it is awaited, never as an unhandled rejection.
  opening.catch(() => undefined);
  try {
    return [opening, await prepare()];
  } catch (error) {
    await opening.then((rt) => rt.db.close()).catch(() => undefined);
    throw error;
  }
}

/** How an answer is printed: text (default), the answer object, or a list as CSV. */
export type AnswerFormat = { json?: boolean; csv?: boolean };

export async function printAnswer(answer: Answer, format: boolean | AnswerFormat | undefined): Promise<void> {
  const { json, csv } = typeof format === 'object' ? format : { json: format, csv: false };
  if (csv) {
    if (answer.intent !== 'accounts')
      throw new CseError(ErrorCode.BadInput, `--csv prints account lists; '${answer.intent}' is not one`, {
        hint: 'Ask for a list (cse run accounts …) or use --json',
      });
    process.stdout.write((await import('../../commands/accounts/render.ts')).accountsCsv(answer.data));
  } else if (json) printJson(answer);
  else print((await import('../../commands/answer-text.ts')).renderAnswer(answer));
}

/** `cse ask "<question>"`. */
export async function askOnce(
  globals: GlobalOptions,
  text: string,
  options: { as?: string } & AnswerFormat,
): Promise<void> {
  const [opening, { ask }] = await openWhilePreparing(globals, () => import('../../commands/router.ts'));
  await usingRuntime(opening, async (rt) => {
    await printAnswer(await ask(await commandContext(rt, options.as, 'cli'), text), options);
  });
}

/** `cse run <intent> [--option value …]`: the intent and its options are checked before the store is used. */
export async function runIntent(
  globals: GlobalOptions,
  intent: string,
  tokens: string[],
  options: { account?: string; as?: string } & AnswerFormat,
): Promise<void> {
  const [opening, { run, rawArgs }] = await openWhilePreparing(globals, async () => {
    const [{ findCommand }, { parseOptionTokens }, { run }] = await Promise.all([
      import('../../commands/registry.ts'),
      import('../../commands/command-args.ts'),
      import('../../commands/router.ts'),
    ]);
    const command = findCommand(intent);
    if (!command) {
      throw new CseError(ErrorCode.UnknownIntent, `No command '${intent}'`, {
        hint: 'cse run help lists the commands',
      });
    }
    const rawArgs = {
      ...parseOptionTokens(tokens, command.args),
      ...(options.account ? { account: options.account } : {}),
    };
    return { run, rawArgs };
  });
  await usingRuntime(opening, async (rt) => {
    await printAnswer(await run(await commandContext(rt, options.as, 'cli'), intent, rawArgs), options);
  });
}
