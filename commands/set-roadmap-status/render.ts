import { ROADMAP_STATUS_LABEL } from '../../tools/feedback/roadmap.ts';
import { requestingAccountLines, roadmapHeadline } from '../roadmap-render.ts';
import type { SetRoadmapStatusData } from './command.ts';

/** Terminal text for a roadmap status change. Pure. */
export function renderSetRoadmapStatus(data: SetRoadmapStatusData): string {
  const { item, change } = data;
  const head = change
    ? `${item.roadmap_key}: ${change.from ? ROADMAP_STATUS_LABEL[change.from] : 'new'} → ${ROADMAP_STATUS_LABEL[change.to]}; posted to the owner channel.`
    : `${item.roadmap_key} is already ${ROADMAP_STATUS_LABEL[item.status]}: nothing changed.`;
  const release =
    item.status === 'shipped' && item.accounts.length > 0
      ? [`Tell every account that asked — one release email each:`]
      : [];
  return [head, roadmapHeadline(item), ...release, ...requestingAccountLines(item)].join('\n');
}
