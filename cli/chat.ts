import { createInterface } from 'node:readline';
import { renderAnswer } from '../commands/answer-text.ts';
import type { CommandContext } from '../commands/context.ts';
import { type Answer, ask, run, type UnknownData } from '../commands/router.ts';
import { formatError } from '../core/errors.ts';

const EXIT_WORDS = new Set(['exit', 'quit', 'bye', ':q']);

type Readings = UnknownData['readings'];

/** A number typed right after "Did you mean": that reading, run through the router; else the words asked. */
function answerTo(ctx: CommandContext, text: string, offered: Readings): Promise<Answer> {
  const picked = /^[1-9]$/.test(text) ? offered[Number(text) - 1] : undefined;
  if (!picked) return ask(ctx, text);
  return run(ctx, picked.intent, { ...picked.args, ...(picked.account ? { account: picked.account } : {}) });
}

/**
 * Local chat: the same router as Slack, rendered for the terminal. Reads lines until EOF or
 * "exit"; a failed question prints its error and the chat goes on. After "Did you mean", a
 * number picks that reading.
 */
export async function runChat(
  ctx: CommandContext,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  const interactive = Boolean((input as NodeJS.ReadStream).isTTY);
  const rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive });
  const write = (text: string) => output.write(`${text}\n`);
  if (interactive) {
    write(
      'cs-engine local chat. Ask about your customers, e.g. "portfolio review" or "help". Type "exit" to leave.',
    );
    rl.setPrompt('cse> ');
    rl.prompt();
  }
  let offered: Readings = [];
  for await (const line of rl) {
    const text = line.trim();
    if (EXIT_WORDS.has(text.toLowerCase())) break;
    if (text !== '') {
      try {
        const answer = await answerTo(ctx, text, offered);
        offered = answer.intent === 'unknown' ? answer.data.readings : [];
        write(renderAnswer(answer));
      } catch (error) {
        offered = [];
        write(`⚠ ${formatError(error)}`);
      }
      if (interactive) write('');
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
