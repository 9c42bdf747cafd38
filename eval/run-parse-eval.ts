/**
 * Prints the rules parser's accuracy on the labelled phrasing set against the demo portfolio
 * (200 accounts, seed 42, as of 2026-11-24), and exits 1 when a figure is under its floor.
 * Usage: npm run eval:parse [-- --json] [-- --file eval/parse/fresh-phrasings-2026-12.tsv] [-- --rules-only]
 */

import { parseMessage, readMessage } from '../commands/router.ts';
import { EVAL_AS_OF, withEvalDemo } from './eval-demo.ts';
import { evaluateParser, loadPhrasings } from './parse-eval.ts';

export const PARSE_FLOORS = { intent: 0.97, account: 0.98, outOfScope: 0.95 } as const;
const AS_OF = EVAL_AS_OF;

await withEvalDemo(async (db) => {
  const at = process.argv.indexOf('--file');
  const file = at >= 0 ? process.argv[at + 1] : undefined;
  const rulesOnly = process.argv.includes('--rules-only');
  const result = await evaluateParser(
    db,
    file ? loadPhrasings(file) : loadPhrasings(),
    AS_OF,
    rulesOnly ? parseMessage : readMessage,
  );
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
  else {
    console.log(
      `Parser evaluation — ${file ?? 'eval/parse/phrasings.tsv'}: ${result.lines} labelled lines, ${rulesOnly ? 'rules only' : 'rules and the local intent model'}, no LLM, ${db.driver}`,
    );
    console.log(
      `  intent accuracy        ${pct(result.intent.accuracy)}  (${result.intent.correct}/${result.intent.total}; floor ${pct(PARSE_FLOORS.intent)})`,
    );
    console.log(
      `  account accuracy       ${pct(result.account.accuracy)}  (${result.account.correct}/${result.account.total}; floor ${pct(PARSE_FLOORS.account)})`,
    );
    console.log(
      `  out-of-scope rejection ${pct(result.outOfScope.rate)}  (${result.outOfScope.rejected}/${result.outOfScope.total}; floor ${pct(PARSE_FLOORS.outOfScope)})`,
    );
    console.log(
      `  asked back             ${result.askedBack.lines} lines (${result.askedBack.withRight} with the right reading among those offered)`,
    );
    console.log(
      `  "I can't answer"       ${pct(result.cannot.rate)}  (${result.cannot.lines}/${result.intent.total} in-scope lines, nothing asked back)`,
    );
    for (const m of result.misses)
      console.log(`  miss line ${m.line}: "${m.text}" expected ${m.expected}, got ${m.got}`);
  }
  const below =
    result.intent.accuracy < PARSE_FLOORS.intent ||
    result.account.accuracy < PARSE_FLOORS.account ||
    result.outOfScope.rate < PARSE_FLOORS.outOfScope;
  if (below) {
    console.error('Below the floor: see the misses above');
    process.exitCode = 1;
  }
});
