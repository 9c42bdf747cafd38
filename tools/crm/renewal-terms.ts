import type { DealRecord } from './crm-record.ts';

export interface RenewalTerms {
  /**
   * The close date of the earliest open renewal deal: the next renewal. With none open, a year
   * after the latest won deal closed (the contract value is annual).
   */
  renewal_date: string | null;
  /** The annual value of the latest won deal (by close date). */
  arr_cents: number | null;
  /** The close date of the earliest won deal: when the customer first signed. */
  contract_start: string | null;
  /** The deals each figure came from. */
  from: { renewal: string | null; arr: string | null; start: string | null };
}

const yearAfter = (date: string) =>
  `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`.replace(/-02-29$/, '-02-28');

const byClose = (a: DealRecord, b: DealRecord) =>
  (a.close_date ?? '').localeCompare(b.close_date ?? '') || a.deal_id.localeCompare(b.deal_id);

/**
 * An account's renewal date, contract value and start from its CRM deals (DESIGN §13): the next
 * renewal is the earliest open renewal deal's close date, else a year after the latest won deal;
 * the ARR is the latest won deal's annual
 * amount; the start is the earliest won deal's close date. Null where no deal says. Pure.
 */
export function renewalTerms(deals: readonly DealRecord[]): RenewalTerms {
  const open = deals.filter((d) => d.is_renewal && !d.is_closed && d.close_date).sort(byClose);
  const won = deals.filter((d) => d.is_won && d.close_date).sort(byClose);
  const latestWithAmount = won.filter((d) => d.amount_cents !== null).at(-1);
  const latestWon = won.at(-1);
  return {
    renewal_date: open[0]?.close_date ?? (latestWon ? yearAfter(latestWon.close_date as string) : null),
    arr_cents: latestWithAmount?.amount_cents ?? null,
    contract_start: won[0]?.close_date ?? null,
    from: {
      renewal: open[0]?.deal_id ?? latestWon?.deal_id ?? null,
      arr: latestWithAmount?.deal_id ?? null,
      start: won[0]?.deal_id ?? null,
    },
  };
}
