import type { RenewalForecastData } from './shape.ts';

export interface ForecastChange {
  /** Expected renewed ARR now minus a week ago, for the same period and book. */
  expectedChange: number;
  /** The renewals that moved it most: each one's expected ARR then and now (0 when not due then or now). */
  movers: { account_id: string; name: string; before: number; after: number; why: string }[];
}

/**
 * How a forecast moved since an earlier one of the same period: the change in expected renewed ARR
 * and the three renewals behind most of it — a probability that moved, a renewal that closed or was
 * lost (no longer due), or one newly due. Pure.
 */
export function forecastChange(now: RenewalForecastData, before: RenewalForecastData): ForecastChange | null {
  if (now.expected === null || before.expected === null) return null;
  const expectedOf = (d: RenewalForecastData) => new Map(d.accounts.map((a) => [a.account_id, a]));
  const [after, earlier] = [expectedOf(now), expectedOf(before)];
  const ids = [...new Set([...after.keys(), ...earlier.keys()])];
  const movers = ids
    .map((id) => {
      const a = after.get(id);
      const b = earlier.get(id);
      const valueAfter = a ? a.arr * a.probability : 0;
      const valueBefore = b ? b.arr * b.probability : 0;
      const why = !b
        ? 'newly due'
        : !a
          ? 'no longer due (renewed, lost or moved)'
          : `probability ${Math.round(b.probability * 100)} % → ${Math.round(a.probability * 100)} %${a.reasons[0] ? ` (${a.reasons[0]})` : ''}`;
      return { account_id: id, name: (a ?? b)?.name ?? id, before: valueBefore, after: valueAfter, why };
    })
    .filter((m) => Math.round(m.after - m.before) !== 0)
    .sort(
      (x, y) =>
        Math.abs(y.after - y.before) - Math.abs(x.after - x.before) ||
        x.account_id.localeCompare(y.account_id),
    )
    .slice(0, 3);
  return { expectedChange: now.expected - before.expected, movers };
}
