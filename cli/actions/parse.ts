import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { ParsedIntent } from '../../commands/intent.ts';
import { AccountLexicon } from '../../commands/parse/account-lexicon.ts';
import { AccountDirectory, type ResolvedAccount } from '../../commands/resolve-account.ts';
import { understand } from '../../commands/router.ts';
import { CseError, ErrorCode, isUserError } from '../../core/errors.ts';
import { accountNames } from '../../store/repositories/accounts.ts';
import { note, print, printJson } from '../output.ts';
import { commandContext, type GlobalOptions, withRuntime } from '../runtime.ts';

/** The account a parsed message names, when it resolves; null when it does not. */
function parsedAccount(directory: AccountDirectory, parsed: ParsedIntent): ResolvedAccount | null {
  if (!parsed.accountMention) return null;
  try {
    return directory.resolve(parsed.accountMention);
  } catch (error) {
    if (isUserError(error)) return null;
    throw error;
  }
}

/** The JSON object `cse parse --json` prints (DESIGN §4). */
function parseShape(parsed: ParsedIntent, account: ResolvedAccount | null) {
  return {
    text: parsed.text,
    intent: parsed.intent,
    account,
    args: parsed.args,
    via: parsed.via,
    confidence: parsed.confidence,
    readings: (parsed.readings ?? []).map((r) => ({
      intent: r.intent,
      account: r.accountMention,
      args: r.args,
      probability: r.probability,
    })),
    nearest: parsed.nearest ?? [],
  };
}

/** `cse parse --file <lines.txt>`: one JSON object per line, then the rate. */
async function parseFile(globals: GlobalOptions, file: string): Promise<void> {
  if (!existsSync(file))
    throw new CseError(ErrorCode.FileNotFound, `File not found: ${file}`, {
      hint: 'Give a text file with one message per line',
    });
  await withRuntime(globals, async (rt) => {
    const ctx = await commandContext(rt, undefined, 'cli');
    const accounts = await accountNames(rt.db);
    const lexicon = new AccountLexicon(accounts);
    const directory = new AccountDirectory(accounts);
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    const started = performance.now();
    let count = 0;
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const parsed = await understand(ctx, line, lexicon);
      print(JSON.stringify(parseShape(parsed, parsedAccount(directory, parsed))));
      count += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    note(
      `Parsed ${count.toLocaleString('en-US')} lines in ${seconds.toFixed(2)} s (${Math.round(count / Math.max(seconds, 1e-6)).toLocaleString('en-US')} lines/s)`,
    );
  });
}

/** `cse parse "<message>"` or `cse parse --file <lines.txt>`. */
export async function parse(
  globals: GlobalOptions,
  text: string | undefined,
  options: { file?: string; json?: boolean },
): Promise<void> {
  if (options.file) return parseFile(globals, options.file);
  if (text === undefined)
    throw new CseError(ErrorCode.BadInput, 'Nothing to parse', {
      hint: 'Give the message in quotes, or --file <lines.txt>',
    });
  const { message, parsed } = await withRuntime(globals, async (rt) => {
    const accounts = await accountNames(rt.db);
    const message = await understand(
      await commandContext(rt, undefined, 'cli'),
      text,
      new AccountLexicon(accounts),
    );
    return { message, parsed: parseShape(message, parsedAccount(new AccountDirectory(accounts), message)) };
  });
  if (options.json) printJson(parsed);
  else
    print(
      `${parsed.intent} (confidence ${parsed.confidence}, via ${parsed.via})${parsed.account ? ` account ${parsed.account.name} (${parsed.account.id})` : message.accountMention ? ` account "${message.accountMention}" (not found)` : ''}${Object.keys(parsed.args).length > 0 ? ` args ${JSON.stringify(parsed.args)}` : ''}${parsed.readings.length > 0 ? `; close readings: ${parsed.readings.map((r) => `${r.intent} ${r.probability}`).join(', ')}` : ''}`,
    );
}
