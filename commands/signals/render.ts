import { signalLine } from '../signal-rows.ts';
import type { SignalsData } from './command.ts';

/** Terminal text for one account's signals. Pure. */
export function renderSignals(data: SignalsData, accountName: string): string {
  const channels =
    data.channels.length === 0
      ? 'no customer channel linked'
      : data.channels.map((c) => `#${c.name ?? c.channel_id} (${c.messages} messages)`).join(', ');
  if (data.signals.length === 0)
    return `${accountName}: no signals from ${data.from} to ${data.as_of} (${channels}).`;
  const counts = Object.entries(data.counts)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${k.replaceAll('_', ' ')} ${n}`)
    .join(', ');
  return [
    `${accountName}: what they told us, ${data.from} to ${data.as_of} — ${counts}`,
    `Channels: ${channels}`,
    '',
    ...data.signals.map(signalLine),
  ].join('\n');
}
