import type { LinkChannelData } from './command.ts';

export function renderLinkChannel(data: LinkChannelData): string {
  return [
    `Linked ${data.channel_id} to ${data.account}${data.moved_from ? ` (it was linked to ${data.moved_from})` : ''}.`,
    `Its last ${data.backfill_days} days of history are read next (cse serve or cse worker), then every new message.`,
  ].join('\n');
}
