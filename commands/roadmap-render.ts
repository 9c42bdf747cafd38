import { formatAmountShort } from '../core/money.ts';
import { ROADMAP_STATUS_LABEL } from '../tools/feedback/roadmap.ts';
import { plural } from '../tools/text/plural.ts';
import type { RoadmapItemData } from './roadmap-facts.ts';

/** "4 accounts asked ($1.2M ARR, 6 items)", "3 accounts in your book and 9 in others asked (…)". Pure. */
function whoAsked(item: RoadmapItemData): string {
  const listed = plural(item.accounts.length, 'account');
  const who =
    item.other_accounts > 0 ? `${listed} in your book and ${item.other_accounts} in others` : listed;
  const figures = [
    ...(item.arr_affected === null ? [] : [`${formatAmountShort(item.arr_affected)} ARR`]),
    plural(item.items, 'item'),
  ];
  return `${who} asked (${figures.join(', ')})`;
}

/** A roadmap item's headline: key, title, status, who asked. Pure. */
export function roadmapHeadline(item: RoadmapItemData): string {
  return `${item.roadmap_key} "${item.title}" — ${ROADMAP_STATUS_LABEL[item.status]}${item.shipped_on ? ` on ${item.shipped_on}` : ''} · ${whoAsked(item)}${item.owner ? ` · owner ${item.owner}` : ''}`;
}

/** Each account that asked, with its CSM and, once shipped, its release email command. Pure. */
export function requestingAccountLines(item: RoadmapItemData, indent = '  '): string[] {
  return item.accounts.flatMap((a) => [
    `${indent}- ${a.name} (${a.account_id})${a.arr === null ? '' : ` · ${formatAmountShort(a.arr)} ARR`} · asked ${a.asked_on} in ${a.feedback_id}${a.items > 1 ? ` and ${a.items - 1} more` : ''} · CSM ${a.csm ?? 'none'}`,
    ...(a.release_email ? [`${indent}  release email: ${a.release_email}`] : []),
  ]);
}
