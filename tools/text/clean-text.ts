/** C0 control characters other than tab and newline, and DEL: never meaningful in a message, and NUL cannot be stored. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Text as people meant it: control characters removed, everything else (emoji, scripts, markup) kept. Pure. */
export function cleanText(text: string): string {
  return text.replace(CONTROL, '');
}

/**
 * The same for every string anywhere in a value: nested objects, arrays and maps, keys included
 * (a connector's record, an API body, a command's arguments). NUL cannot be stored, so no record
 * fails for one. Other values are kept as they are. Pure.
 */
export function cleanRecord<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return cleanText(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [clean(k), clean(v)]));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [cleanText(k), clean(v)]));
  return value;
}

/** The same for every string in a set of arguments (button values, `cse run` options, API bodies), nested ones too. */
export function cleanArgs(args: Record<string, unknown>): Record<string, unknown> {
  return cleanRecord(args);
}
