import type { HelpData } from './command.ts';

/** Help as text: every command with its first example and its `cse run` line. Pure. */
export function renderHelp(data: HelpData): string {
  const lines = ['I answer questions about your customers from your own data. Try:', ''];
  for (const c of data.commands) {
    lines.push(`  ${c.title} — ${c.summary}`, `      "${c.examples[0] ?? c.intent}"    ${c.run}`);
  }
  lines.push(
    '',
    `Load data with: cse import <kind> <file.csv|file.jsonl>   kinds: ${data.import_kinds.map((k) => k.kind).join(', ')}`,
  );
  return lines.join('\n');
}
