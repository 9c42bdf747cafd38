import type { HelpData } from './command.ts';

/** Help as text: the topics most asked first, one line per command, `help <topic>` for the rest. Pure. */
export function renderHelp(data: HelpData): string {
  const lines = ['I answer questions about your customers from your own data. Try:'];
  for (const g of data.groups) {
    if (!g.shown) {
      lines.push('', `${g.title} (${g.commands.length}): say "help ${g.topic}"`);
      continue;
    }
    lines.push('', `${g.title}`);
    for (const c of g.commands) lines.push(`  ${c.title} — "${c.examples[0] ?? c.intent}"    ${c.run}`);
  }
  lines.push(
    '',
    `Load data with: cse import <kind> <file.csv|file.jsonl>   kinds: ${data.import_kinds.map((k) => k.kind).join(', ')}`,
  );
  return lines.join('\n');
}
