/**
 * Prints how well redaction (llm/redact.ts, without the store's names: every person in the set
 * is unknown to it) removes personal data from customer text and leaves the rest as written.
 * Usage: npm run eval:redaction [-- --json] [-- --file <cases.jsonl>]
 */
import { redactPii } from '../llm/redact.ts';
import { evaluateRedaction, loadRedactionCases, REDACTION_SET } from './redaction-eval.ts';

const at = process.argv.indexOf('--file');
const file = at >= 0 ? (process.argv[at + 1] ?? REDACTION_SET) : REDACTION_SET;
const result = evaluateRedaction(loadRedactionCases(file), redactPii);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(
    `Redaction evaluation — ${file}: ${result.lines} labelled lines, patterns only (no store names)`,
  );
  console.log(
    `  personal data removed   ${pct(result.pii.recall)}  (${result.pii.caught}/${result.pii.total} spans)`,
  );
  console.log(
    `  other figures kept      ${pct(result.keep.rate)}  (${result.keep.kept}/${result.keep.total} spans)`,
  );
  console.log(
    `  clean lines untouched   ${pct(result.clean.rate)}  (${result.clean.unchanged}/${result.clean.total} lines)`,
  );
  for (const m of result.misses)
    console.log(
      `  line ${m.line}: ${m.missed.length ? `missed ${JSON.stringify(m.missed)} ` : ''}${m.lost.length ? `lost ${JSON.stringify(m.lost)} ` : ''}→ ${JSON.stringify(m.output)}`,
    );
}
