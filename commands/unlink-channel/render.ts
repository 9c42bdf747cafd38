import type { UnlinkChannelData } from './command.ts';

export function renderUnlinkChannel(data: UnlinkChannelData): string {
  return data.purged_messages > 0
    ? `Unlinked ${data.channel_id}; its ${data.purged_messages} stored messages and their signals are deleted.`
    : `Unlinked ${data.channel_id}. Its stored messages stay until they age out (or unlink again with --purge).`;
}
