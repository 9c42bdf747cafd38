import { renderAnswer } from '../../commands/answer-text.ts';
import { parseOptionTokens } from '../../commands/command-args.ts';
import { findCommand } from '../../commands/registry.ts';
import { type Answer, ask, run } from '../../commands/router.ts';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { print, printJson } from '../output.ts';
import { commandContext, type GlobalOptions, withRuntime } from '../runtime.ts';

export const printAnswer = (answer: Answer, json: boolean | undefined): void =>
  json ? printJson(answer) : print(renderAnswer(answer));

/** `cse ask "<question>"`. */
export async function askOnce(
  globals: GlobalOptions,
  text: string,
  options: { as?: string; json?: boolean },
): Promise<void> {
  await withRuntime(globals, async (rt) => {
    printAnswer(await ask(await commandContext(rt, options.as, 'cli'), text), options.json);
  });
}

/** `cse run <intent> [--option value …]`. */
export async function runIntent(
  globals: GlobalOptions,
  intent: string,
  tokens: string[],
  options: { account?: string; as?: string; json?: boolean },
): Promise<void> {
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
  await withRuntime(globals, async (rt) => {
    printAnswer(await run(await commandContext(rt, options.as, 'cli'), intent, rawArgs), options.json);
  });
}
