import { findCommand } from './registry.ts';
import type { Answer } from './router.ts';

/** The router's own answer to a question it cannot map to a command. Pure. */
function renderUnknown(data: { message: string; suggestions: { example: string }[] }): string {
  return [
    data.message,
    ...data.suggestions.map((s) => `  • "${s.example}"`),
    '  • "help" for everything',
  ].join('\n');
}

/** An answer's text without its provenance footer, by its command's own renderer. Pure. */
export function renderBody(answer: Answer): string {
  if (answer.intent === 'unknown') return renderUnknown(answer.data);
  const command = findCommand(answer.intent);
  if (!command) throw new Error(`no command for intent ${answer.intent}`);
  return command.render(answer.data, answer.account?.name ?? 'Account');
}

/** An answer's text with its provenance footer (help and unknown have none). Pure. */
export function renderAnswer(answer: Answer): string {
  const body = renderBody(answer);
  if (answer.intent === 'help' || answer.intent === 'unknown') return body;
  return `${body}\n\nAs of ${answer.provenance.as_of} · reproduce: ${answer.provenance.reproduce}`;
}
