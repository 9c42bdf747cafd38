/**
 * A cell a spreadsheet would run as a formula ("=HYPERLINK(…)", "+1+1", "@SUM", "-2+3"): written
 * with a leading apostrophe, which spreadsheets show as text and the importer takes off again.
 * Plain numbers ("-12.5") are left alone.
 */
const FORMULA_LIKE = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
export const defuseFormula = (v: string): string =>
  FORMULA_LIKE.test(v) && !PLAIN_NUMBER.test(v) ? `'${v}` : v;

/**
 * A CSV line: a field with a comma, quote or line break is quoted, quotes doubled; null is empty;
 * a formula-like field is written as text (defuseFormula).
 */
export function csvLine(values: readonly (string | null)[]): string {
  return values
    .map((v) => (v === null ? null : defuseFormula(v)))
    .map((v) => (v === null ? '' : /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replaceAll('"', '""')}"` : v))
    .join(',');
}
