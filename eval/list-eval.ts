import { readFileSync } from 'node:fs';
import type { ParsedIntent } from '../commands/intent.ts';
import { addDays } from '../core/calendar.ts';
import type { LabelledLine } from './parse-eval.ts';

/** A labelled line with the arguments it should be understood with, as `cse run` options. */
export interface LabelledArgsLine extends LabelledLine {
  /** e.g. `--tier at-risk,critical --scope mine --sort arr`; empty when it asks for none. */
  args: string;
}

/**
 * A four-column phrasing set: intent, account, args (as `cse run` options), text. The list,
 * glance, my-day and date phrasings are labelled this way, so the filter understood is scored
 * with the intent.
 */
export function loadArgsPhrasings(path: string): LabelledArgsLine[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((row, k) => ({ row, line: k + 1 }))
    .slice(1)
    .filter(({ row }) => row.trim() !== '')
    .map(({ row, line }) => {
      const [intent, account, args, text] = row.split('\t');
      if (!intent || account === undefined || args === undefined || !text)
        throw new Error(`${path}:${line}: expected four tab-separated fields: intent, account, args, text`);
      return { intent, account, args: args.trim(), text, line };
    });
}

const kebab = (key: string) => key.replace(/_/g, '-');

/** Options written as `--key value` (or a bare `--flag`) as a map; list values in sorted order. */
export function optionsMap(options: string): Map<string, string> {
  const map = new Map<string, string>();
  const words = options.split(/\s+/).filter((w) => w !== '');
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    if (!word.startsWith('--')) throw new Error(`"${options}": expected an option at "${word}"`);
    const next = words[i + 1];
    if (next === undefined || next.startsWith('--')) map.set(word.slice(2), 'true');
    else {
      map.set(word.slice(2), next.split(',').sort().join(','));
      i++;
    }
  }
  return map;
}

/** A parsed message's arguments as the same map: renewal_within becomes its from/to window. */
export function argsMap(args: Record<string, unknown>, today: string) {
  const map = new Map<string, string>();
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === false) continue;
    if (key === 'renewal_within' && typeof value === 'number') {
      map.set('renewal-from', today);
      map.set('renewal-to', addDays(today, value));
      continue;
    }
    const text = Array.isArray(value) ? value.map(String).sort().join(',') : String(value);
    map.set(kebab(key), text);
  }
  return map;
}

const same = (a: Map<string, string>, b: Map<string, string>) =>
  a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);

export const mapText = (m: Map<string, string>) =>
  [...m].map(([k, v]) => (v === 'true' ? `--${k}` : `--${k} ${v}`)).join(' ');

/** Whether a parse has the labelled intent and exactly the labelled arguments. */
export function argsUnderstood(
  line: LabelledArgsLine,
  parsed: ParsedIntent,
  today: string,
): { exact: boolean; got: string } {
  const got = argsMap(parsed.args, today);
  return { exact: parsed.intent === line.intent && same(got, optionsMap(line.args)), got: mapText(got) };
}
