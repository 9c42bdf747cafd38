/** Money is computed in integer cents and shown in the currency's major unit at the edge. */
export function centsToAmount(cents: number): number {
  return Math.round(cents) / 100;
}

/** "$1.2M", "$48.5k", "$950" — compact figures for chat answers. */
export function formatMoneyShort(cents: number, currency = '$'): string {
  const amount = cents / 100;
  const abs = Math.abs(amount);
  const sign = amount < 0 ? '-' : '';
  if (abs >= 1_000_000) return `${sign}${currency}${(abs / 1_000_000).toFixed(abs >= 10_000_000 ? 1 : 2)}M`;
  if (abs >= 1_000) return `${sign}${currency}${(abs / 1_000).toFixed(abs >= 100_000 ? 0 : 1)}k`;
  return `${sign}${currency}${abs.toFixed(0)}`;
}

/** "$1,234,567.89" — exact figures for tables. */
export function formatMoney(cents: number, currency = '$'): string {
  const amount = centsToAmount(cents);
  const digits = Math.round(cents) % 100 === 0 ? 0 : 2;
  return `${amount < 0 ? '-' : ''}${currency}${Math.abs(amount).toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: 2 })}`;
}

/** formatMoneyShort for an amount in the major unit (as answers carry it): 48512.5 → "$48.5k". */
export function formatAmountShort(amount: number, currency = '$'): string {
  return formatMoneyShort(Math.round(amount * 100), currency);
}
