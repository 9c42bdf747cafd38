import { reproduceLine } from './command-args.ts';
import { findCommand } from './registry.ts';
import type { Answer, UnknownData } from './router.ts';

/** The router's own answer to a question it cannot map to a command: the readings to pick from, or the nearest examples. Pure. */
function renderUnknown(data: UnknownData): string {
  if (data.readings.length > 0)
    return [
      data.message,
      ...data.readings.map(
        (r, i) => `  ${i + 1}. ${r.label}   (${reproduceLine(r.intent, r.args, r.account)})`,
      ),
      'Reply with its number in cse chat, run the line shown, or ask again in other words.',
    ].join('\n');
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
