import type { Answer } from '../../commands/router.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { print, printJson } from '../output.ts';
import { commandContext, type GlobalOptions, openRuntime, type Runtime, usingRuntime } from '../runtime.ts';

/** The router and an answer's text: loaded while the store opens. */
const answering = () =>
  Promise.all([import('../../commands/router.ts'), import('../../commands/answer-text.ts')]).then(
    ([router, text]) => ({ ...router, ...text }),
  );

/** Opens the store and loads the code that answers at the same time; closes the store if loading fails. */
async function openWhileLoading<T>(
  globals: GlobalOptions,
  load: () => Promise<T>,
): Promise<[Promise<Runtime>, T]> {
  const opening = openRuntime(globals);
  try {
    return [opening, await load()];
  } catch (error) {
    await opening.then((rt) => rt.db.close()).catch(() => undefined);
    throw error;
  }
}

export async function printAnswer(answer: Answer, json: boolean | undefined): Promise<void> {
  if (json) printJson(answer);
  else print((await import('../../commands/answer-text.ts')).renderAnswer(answer));
}

/** `cse ask "<question>"`. */
export async function askOnce(
  globals: GlobalOptions,
  text: string,
  options: { as?: string; json?: boolean },
): Promise<void> {
  const [opening, { ask, renderAnswer }] = await openWhileLoading(globals, answering);
  await usingRuntime(opening, async (rt) => {
    const answer = await ask(await commandContext(rt, options.as, 'cli'), text);
    print(options.json ? JSON.stringify(answer, null, 2) : renderAnswer(answer));
  });
}

/** `cse run <intent> [--option value …]`. */
export async function runIntent(
  globals: GlobalOptions,
  intent: string,
  tokens: string[],
  options: { account?: string; as?: string; json?: boolean },
): Promise<void> {
  const [opening, { run, renderAnswer, findCommand, parseOptionTokens }] = await openWhileLoading(
    globals,
    async () => ({
      ...(await answering()),
      ...(await import('../../commands/registry.ts')),
      ...(await import('../../commands/command-args.ts')),
    }),
  );
  await usingRuntime(opening, async (rt) => {
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
    const answer = await run(await commandContext(rt, options.as, 'cli'), intent, rawArgs);
    print(options.json ? JSON.stringify(answer, null, 2) : renderAnswer(answer));
  });
}
