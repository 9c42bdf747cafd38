import type { ChannelsData } from './command.ts';

/** Terminal text for the linked channels. Pure. */
export function renderChannels(data: ChannelsData): string {
  if (data.channels.length === 0)
    return 'No customer channel is linked yet. In the channel: /cs link channel <account>; or cse channels link <channel id> --account <name>.';
  return [
    `${data.channels.length} customer channel(s):`,
    ...data.channels.map(
      (c) =>
        `  #${c.name ?? c.channel_id} (${c.channel_id}) → ${c.account}${c.shared ? ', Slack Connect' : ''}: ${c.messages} messages, last ${c.last_message_at?.slice(0, 10) ?? '—'}; history ${c.backfill}${c.backfill_error ? ` (${c.backfill_error})` : ''}; linked by ${c.linked_by} via ${c.linked_via.replace('_', ' ')}`,
    ),
  ].join('\n');
}
