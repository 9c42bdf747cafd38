import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Scores a redactor on a labelled set: each line's personal data (the spans that must go) and
 * the figures and names of things that must stay (dates, amounts, ids, products, places).
 */
export interface RedactionCase {
  text: string;
  /** Spans of personal data: each must be gone from the output. */
  pii: string[];
  /** Spans that are not personal data: each must still be there, as written. */
  keep: string[];
}

export interface RedactionResult {
  lines: number;
  pii: { total: number; caught: number; recall: number };
  keep: { total: number; kept: number; rate: number };
  /** Lines without personal data left exactly as they were. */
  clean: { total: number; unchanged: number; rate: number };
  misses: { line: number; text: string; missed: string[]; lost: string[]; output: string }[];
}

export const REDACTION_SET = join(import.meta.dirname, 'redaction', 'fresh-2026-12.jsonl');

export function loadRedactionCases(path = REDACTION_SET): RedactionCase[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as RedactionCase);
}

/** The tokens that identify a span: letter runs of 3 or more, digit runs of 2 or more (case-insensitive). */
const tokensOf = (text: string) => text.toLowerCase().match(/\p{L}{3,}|\d{2,}/gu) ?? [];
const countIn = (tokens: readonly string[], token: string) => tokens.filter((t) => t === token).length;

/**
 * A span is caught when every occurrence of its identifying tokens that it contributed is gone
 * from the output (a token the rest of the line also holds may stay as often as the rest has it).
 */
export function spanCaught(original: string, span: string, output: string): boolean {
  const spanTokens = tokensOf(span);
  if (spanTokens.length === 0) return !output.includes(span);
  const before = tokensOf(original);
  const after = tokensOf(output);
  return spanTokens.every((t) => countIn(after, t) <= countIn(before, t) - countIn(spanTokens, t));
}

export function evaluateRedaction(
  cases: readonly RedactionCase[],
  redact: (text: string) => string,
): RedactionResult {
  let piiTotal = 0;
  let caught = 0;
  let keepTotal = 0;
  let kept = 0;
  let cleanTotal = 0;
  let unchanged = 0;
  const misses: RedactionResult['misses'] = [];
  cases.forEach((c, i) => {
    const output = redact(c.text);
    const missed = c.pii.filter((span) => !spanCaught(c.text, span, output));
    const lost = c.keep.filter((span) => !output.includes(span));
    piiTotal += c.pii.length;
    caught += c.pii.length - missed.length;
    keepTotal += c.keep.length;
    kept += c.keep.length - lost.length;
    if (c.pii.length === 0) {
      cleanTotal++;
      if (output === c.text) unchanged++;
    }
    if (missed.length > 0 || lost.length > 0 || (c.pii.length === 0 && output !== c.text))
      misses.push({ line: i + 1, text: c.text, missed, lost, output });
  });
  const share = (n: number, d: number) => (d === 0 ? 1 : n / d);
  return {
    lines: cases.length,
    pii: { total: piiTotal, caught, recall: share(caught, piiTotal) },
    keep: { total: keepTotal, kept, rate: share(kept, keepTotal) },
    clean: { total: cleanTotal, unchanged, rate: share(unchanged, cleanTotal) },
    misses,
  };
}
