import type { BookSignalsData } from './command.ts';

/** Terminal text for the signals across a book. Pure. */
export function renderBookSignals(data: BookSignalsData): string {
  const whose = data.scope.csm ? `${data.scope.csm}'s book` : 'the whole team';
  const what = data.kinds.map((k) => k.replaceAll('_', ' ')).join(', ');
  if (data.accounts.length === 0) return `No ${what} from ${data.from} to ${data.as_of} in ${whose}.`;
  return [
    `${data.accounts.length} account(s) in ${whose} raised ${what}, ${data.from} to ${data.as_of}:`,
    '',
    ...data.accounts.map(
      (a) =>
        `${a.name} (${a.kinds.map((k) => k.replaceAll('_', ' ')).join(', ')}${a.csm ? `; ${a.csm}` : ''}) — ${a.latest.at.slice(0, 10)}: “${a.latest.quote}”`,
    ),
  ].join('\n');
}
