import { formatAmountShort } from '../../core/money.ts';
import { plural } from '../../tools/text/plural.ts';
import { requestingAccountLines, roadmapHeadline } from '../roadmap-render.ts';
import type { ShippedRequestsData } from './command.ts';

/** Terminal text for what we shipped that customers asked for. Pure. */
export function renderShippedRequests(data: ShippedRequestsData): string {
  if (data.shipped.length === 0)
    return `Nothing customers asked for shipped from ${data.since} to ${data.as_of}. Link requests to roadmap items with cse feedback link <FB-id> --roadmap <key>, and mark them shipped with cse feedback roadmap <key> --status shipped.`;
  return [
    `Shipped from ${data.since} to ${data.as_of}: ${plural(data.shipped.length, 'roadmap item')} customers asked for — ${plural(data.accounts, 'account')}${data.arr_affected === null ? '' : `, ${formatAmountShort(data.arr_affected)} ARR`} (each account once)`,
    ...data.shipped.flatMap((item) => ['', roadmapHeadline(item), ...requestingAccountLines(item)]),
  ].join('\n');
}
