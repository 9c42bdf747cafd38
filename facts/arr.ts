import type { Queryable } from '../store/db.ts';
import { accountRevenueOn } from '../store/repositories/revenue.ts';
import { ARR_DEFINITION, type ArrSource, accountArr } from '../tools/portfolio/account-arr.ts';

export { ARR_DEFINITION };

/** An account's ARR on a day, with the MRR it is made of and where it came from. */
export interface AccountArr {
  arrCents: number;
  /** MRR in the reporting month; 0 for an account with revenue rows but none that month; null without revenue rows. */
  mrrCents: number | null;
  source: ArrSource;
}

/**
 * Each account's ARR on a day (METRICS.md §0, tools/portfolio/account-arr): 12 × its month-end MRR
 * in the reporting month, a missing month counting 0; its declared ARR where it has no revenue rows.
 * Every answer, alert, digest, App Home and export reads ARR here.
 */
export async function arrOn(
  db: Queryable,
  day: string,
  ids: readonly string[] | null = null,
): Promise<Map<string, AccountArr>> {
  const rows = await accountRevenueOn(db, day, ids);
  return new Map(
    rows.map((r) => {
      const { arrCents, source } = accountArr({
        mrrCents: r.mrr_cents,
        hasRevenue: r.has_revenue,
        declaredArrCents: r.declared_arr_cents,
      });
      return [r.account_id, { arrCents, mrrCents: r.has_revenue ? (r.mrr_cents ?? 0) : null, source }];
    }),
  );
}
