import { formatAmountShort } from '../../core/money.ts';
import type { TopRequestsData } from './command.ts';

/** Terminal text for top requests. Pure. */
export function renderTopRequests(data: TopRequestsData): string {
  if (data.requests.length === 0) return `Top requests as of ${data.as_of}: no open requests.`;
  const lines = [`Top requests — ${data.open_requests} open, as of ${data.as_of}`, ''];
  for (const r of data.requests) {
    lines.push(
      `${String(r.rank).padStart(2)}. ${r.text}`,
      `    ${r.theme} → ${r.owner ?? 'unassigned'} · ${r.accounts} account${r.accounts === 1 ? '' : 's'} (${r.account_names.join(', ')}${r.accounts > r.account_names.length ? ', …' : ''}) ·${r.arr_affected === null ? '' : ` ${formatAmountShort(r.arr_affected)} ARR ·`} ${r.items} item${r.items === 1 ? '' : 's'} · score ${r.score}${r.effort ? ` (effort ${r.effort})` : ''} · ${r.canonical_id}`,
    );
  }
  return lines.join('\n');
}
