/**
 * Prints the rules parser's accuracy on a four-column phrasing set (intent, account, args, text)
 * against the demo portfolio (200 accounts, seed 42, as of 2026-11-24): intents, accounts,
 * out-of-scope rejection, and the arguments understood exactly (every filter and window right).
 * Exits 1 under a floor. Usage: npx tsx eval/run-list-eval.ts [--file F] [--json]
 */

import type { ParsedIntent } from '../commands/intent.ts';
import { parseMessage } from '../commands/router.ts';
import { packagePath } from '../core/package-root.ts';
import { EVAL_AS_OF, withEvalDemo } from './eval-demo.ts';
import { argsUnderstood, loadArgsPhrasings } from './list-eval.ts';
import { evaluateParser } from './parse-eval.ts';

export const LIST_FLOORS = { intent: 0.95, args: 0.9 } as const;
const AS_OF = EVAL_AS_OF;

await withEvalDemo(async (db) => {
  const at = process.argv.indexOf('--file');
  const file =
    at >= 0 ? (process.argv[at + 1] as string) : packagePath('eval', 'parse', 'fresh-lists-2026-12.tsv');
  const lines = loadArgsPhrasings(file);
  // Each line is read once: the scores and the arguments understood come from the same reading.
  const readings = new Map<string, ParsedIntent>();
  const result = await evaluateParser(db, lines, AS_OF, (text, options) => {
    const parsed = parseMessage(text, options);
    readings.set(text, parsed);
    return parsed;
  });
  const inScope = lines.filter((l) => l.intent !== 'unknown');
  const argMisses: { line: number; text: string; expected: string; got: string }[] = [];
  let exact = 0;
  for (const l of inScope) {
    const parsed = readings.get(l.text) as ParsedIntent;
    const understood = argsUnderstood(l, parsed, AS_OF);
    if (understood.exact) exact++;
    else if (parsed.intent === l.intent)
      argMisses.push({ line: l.line, text: l.text, expected: l.args, got: understood.got });
  }
  const argsRate = inScope.length === 0 ? 1 : exact / inScope.length;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  if (process.argv.includes('--json'))
    console.log(
      JSON.stringify(
        { ...result, args: { exact, total: inScope.length, rate: argsRate, misses: argMisses } },
        null,
        2,
      ),
    );
  else {
    console.log(
      `List and date phrasings — ${file}: ${lines.length} labelled lines, rules only, ${db.driver}`,
    );
    console.log(
      `  intent accuracy        ${pct(result.intent.accuracy)}  (${result.intent.correct}/${result.intent.total}; floor ${pct(LIST_FLOORS.intent)})`,
    );
    console.log(
      `  account accuracy       ${pct(result.account.accuracy)}  (${result.account.correct}/${result.account.total})`,
    );
    console.log(
      `  out-of-scope rejection ${pct(result.outOfScope.rate)}  (${result.outOfScope.rejected}/${result.outOfScope.total})`,
    );
    console.log(
      `  understood exactly     ${pct(argsRate)}  (${exact}/${inScope.length}: intent and every filter and window; floor ${pct(LIST_FLOORS.args)})`,
    );
    for (const m of result.misses)
      console.log(`  miss line ${m.line}: "${m.text}" expected ${m.expected}, got ${m.got}`);
    for (const m of argMisses)
      console.log(`  args line ${m.line}: "${m.text}" expected "${m.expected}", got "${m.got}"`);
  }
  if (result.intent.accuracy < LIST_FLOORS.intent || argsRate < LIST_FLOORS.args) {
    console.error('Below the floor: see the misses above');
    process.exitCode = 1;
  }
});
