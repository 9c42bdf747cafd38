import { formatMoneyShort } from '../core/money.ts';
import { ROADMAP_STATUS_LABEL } from '../tools/feedback/roadmap.ts';
import { plural } from '../tools/text/plural.ts';
import type { RoadmapItemData } from './roadmap-facts.ts';

const money = (amount: number) => formatMoneyShort(Math.round(amount * 100));

/** A roadmap item's headline: key, title, status, who asked. Pure. */
export function roadmapHeadline(item: RoadmapItemData): string {
  return `${item.roadmap_key} "${item.title}" — ${ROADMAP_STATUS_LABEL[item.status]}${item.shipped_on ? ` on ${item.shipped_on}` : ''} · ${plural(item.accounts.length, 'account')} asked (${money(item.arr_affected)} ARR, ${plural(item.items, 'item')})${item.owner ? ` · owner ${item.owner}` : ''}`;
}

/** Each account that asked, with its CSM and, once shipped, its release email command. Pure. */
export function requestingAccountLines(item: RoadmapItemData, indent = '  '): string[] {
  return item.accounts.flatMap((a) => [
    `${indent}- ${a.name} (${a.account_id}) · ${money(a.arr)} ARR · asked ${a.asked_on} in ${a.feedback_id}${a.items > 1 ? ` and ${a.items - 1} more` : ''} · CSM ${a.csm ?? 'none'}`,
    ...(a.release_email ? [`${indent}  release email: ${a.release_email}`] : []),
  ]);
}
