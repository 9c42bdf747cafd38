import { readFileSync } from 'node:fs';
import type { ParsedIntent } from '../commands/intent.ts';
import type { RulesOptions } from '../commands/parse/rules.ts';
import { AccountDirectory } from '../commands/resolve-account.ts';
import { accountLexicon, parseMessage } from '../commands/router.ts';
import { packagePath } from '../core/package-root.ts';
import type { Queryable } from '../store/db.ts';
import { accountNames } from '../store/repositories/accounts.ts';

export interface LabelledLine {
  intent: string;
  /** The account's name as stored; empty when the line names none. */
  account: string;
  text: string;
  line: number;
}

export interface ParseEvaluation {
  lines: number;
  intent: { correct: number; total: number; accuracy: number };
  account: { correct: number; total: number; accuracy: number };
  outOfScope: { rejected: number; total: number; rate: number };
  /** In-scope lines asked back ("Did you mean"), and of them those whose readings hold the right intent. */
  askedBack: { lines: number; withRight: number };
  /** In-scope lines answered "I can't answer" with nothing asked back. */
  cannot: { lines: number; rate: number };
  misses: { line: number; text: string; expected: string; got: string }[];
}

/** The labelled phrasing set shipped with the repository (eval/parse/phrasings.tsv). */
export function loadPhrasings(path = packagePath('eval', 'parse', 'phrasings.tsv')): LabelledLine[] {
  const rows = readFileSync(path, 'utf8').split('\n');
  return rows
    .map((row, k) => ({ row, line: k + 1 }))
    .slice(1)
    .filter(({ row }) => row.trim() !== '')
    .map(({ row, line }) => {
      const [intent, account, text] = row.split('\t');
      if (!intent || account === undefined || !text)
        throw new Error(`${path}:${line}: expected three tab-separated fields: intent, account, text`);
      return { intent, account, text, line };
    });
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : Math.round((a / b) * 10000) / 10000);

/**
 * Parses every labelled line with the rules alone against the accounts in the store and scores
 * intents (in-scope lines), accounts (lines that name one, after resolution) and out-of-scope
 * rejection (lines labelled unknown).
 */
export async function evaluateParser(
  db: Queryable,
  lines: readonly LabelledLine[],
  today: string,
  read: (text: string, options: Omit<RulesOptions, 'rules'>) => ParsedIntent = parseMessage,
): Promise<ParseEvaluation> {
  const accounts = await accountNames(db);
  const lexicon = await accountLexicon(db);
  const directory = new AccountDirectory(accounts);
  const result: ParseEvaluation = {
    lines: lines.length,
    intent: { correct: 0, total: 0, accuracy: 0 },
    account: { correct: 0, total: 0, accuracy: 0 },
    outOfScope: { rejected: 0, total: 0, rate: 0 },
    askedBack: { lines: 0, withRight: 0 },
    cannot: { lines: 0, rate: 0 },
    misses: [],
  };
  for (const l of lines) {
    const parsed = read(l.text, { today, accounts: lexicon });
    if (l.intent === 'unknown') {
      result.outOfScope.total += 1;
      if (parsed.intent === 'unknown') result.outOfScope.rejected += 1;
      else result.misses.push({ line: l.line, text: l.text, expected: 'unknown', got: parsed.intent });
      continue;
    }
    result.intent.total += 1;
    if (parsed.readings) {
      result.askedBack.lines += 1;
      if (parsed.readings.some((r) => r.intent === l.intent)) result.askedBack.withRight += 1;
    } else if (parsed.intent === 'unknown') result.cannot.lines += 1;
    if (parsed.intent === l.intent) result.intent.correct += 1;
    else
      result.misses.push({
        line: l.line,
        text: l.text,
        expected: l.intent,
        got: parsed.readings
          ? `asked back: ${parsed.readings.map((r) => r.intent).join(' | ')}`
          : parsed.intent,
      });
    if (l.account === '') continue;
    result.account.total += 1;
    let name: string | null = null;
    try {
      const mention = parsed.accountMention ?? parsed.readings?.[0]?.accountMention ?? null;
      name = mention ? directory.resolve(mention).name : null;
    } catch {
      name = null;
    }
    if (name === l.account) result.account.correct += 1;
    else
      result.misses.push({
        line: l.line,
        text: l.text,
        expected: `account ${l.account}`,
        got: `account ${name ?? `unresolved "${parsed.accountMention ?? parsed.readings?.[0]?.accountMention ?? ''}"`}`,
      });
  }
  result.intent.accuracy = ratio(result.intent.correct, result.intent.total);
  result.account.accuracy = ratio(result.account.correct, result.account.total);
  result.outOfScope.rate = ratio(result.outOfScope.rejected, result.outOfScope.total);
  result.cannot.rate = ratio(result.cannot.lines, result.intent.total);
  return result;
}
