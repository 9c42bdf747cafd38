import { createInterface } from 'node:readline';
import { renderAnswer } from '../commands/answer-text.ts';
import type { CommandContext } from '../commands/context.ts';
import { ask } from '../commands/router.ts';
import { formatError } from '../core/errors.ts';

const EXIT_WORDS = new Set(['exit', 'quit', 'bye', ':q']);

/**
 * Local chat: the same router as Slack, rendered for the terminal. Reads lines until EOF or
 * "exit"; a failed question prints its error and the chat goes on.
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
  for await (const line of rl) {
    const text = line.trim();
    if (EXIT_WORDS.has(text.toLowerCase())) break;
    if (text !== '') {
      try {
        write(renderAnswer(await ask(ctx, text)));
      } catch (error) {
        write(`⚠ ${formatError(error)}`);
      }
      if (interactive) write('');
    }
    if (interactive) rl.prompt();
  }
  rl.close();
}
