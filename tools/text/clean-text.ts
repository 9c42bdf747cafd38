/** C0 control characters other than tab and newline, and DEL: never meaningful in a message, and NUL cannot be stored. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Text as people meant it: control characters removed, everything else (emoji, scripts, markup) kept. Pure. */
export function cleanText(text: string): string {
  return text.replace(CONTROL, '');
}

/** The same for every string in a set of arguments (button values, `cse run` options, API bodies). */
export function cleanArgs(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(args).map(([k, v]) => [k, typeof v === 'string' ? cleanText(v) : v]),
  );
}
