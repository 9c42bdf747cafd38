/** "82.8%" from a ratio value; "n/a" for an undefined ratio. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? 'n/a' : `${(value * 100).toFixed(digits)}%`;
}
