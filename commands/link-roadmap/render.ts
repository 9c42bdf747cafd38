import { ROADMAP_STATUS_LABEL } from '../../tools/feedback/roadmap.ts';
import { requestingAccountLines, roadmapHeadline } from '../roadmap-render.ts';
import type { LinkRoadmapData } from './command.ts';

/** Terminal text for a request linked to the roadmap. Pure. */
export function renderLinkRoadmap(data: LinkRoadmapData): string {
  const what = data.created
    ? `Linked ${data.feedback_id} to the new roadmap item ${data.item.roadmap_key}.`
    : `Linked ${data.feedback_id} to ${data.item.roadmap_key}${data.moved_from ? ` (moved from ${data.moved_from})` : ''}.`;
  const change =
    data.change && !data.created
      ? [
          `Status: ${data.change.from ? ROADMAP_STATUS_LABEL[data.change.from] : 'new'} → ${ROADMAP_STATUS_LABEL[data.change.to]}; posted to the owner channel.`,
        ]
      : [];
  return [what, ...change, roadmapHeadline(data.item), ...requestingAccountLines(data.item)].join('\n');
}
