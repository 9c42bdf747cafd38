import { z } from 'zod';
import { isCalendarDate } from '../core/calendar.ts';
import { CseError, ErrorCode } from '../core/errors.ts';

/** One option a command accepts, as `cse run` spells it. */
export interface OptionSpec {
  key: string;
  flag: string;
  values: readonly string[] | null;
  boolean: boolean;
}

const flagOf = (key: string) => `--${key.replaceAll('_', '-')}`;
const keyOf = (flag: string) => flag.replace(/^--/, '').replaceAll('-', '_');

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (
    current instanceof z.ZodOptional ||
    current instanceof z.ZodDefault ||
    current instanceof z.ZodNullable
  ) {
    current = current.unwrap() as z.ZodType;
  }
  return current;
}

/** The options a command's zod args schema accepts, for help text and `cse run`. */
export function optionSpecs(schema: z.ZodType): OptionSpec[] {
  if (!(schema instanceof z.ZodObject)) return [];
  return Object.entries(schema.shape as Record<string, z.ZodType>).map(([key, field]) => {
    const inner = unwrap(field);
    return {
      key,
      flag: flagOf(key),
      values: inner instanceof z.ZodEnum ? (inner.options as string[]) : null,
      boolean: inner instanceof z.ZodBoolean,
    };
  });
}

export function usageOf(schema: z.ZodType): string {
  return optionSpecs(schema)
    .map((o) =>
      o.boolean
        ? `[${o.flag}]`
        : `[${o.flag} <${o.values ? o.values.join('|') : o.key === 'as_of' ? 'YYYY-MM[-DD]' : 'value'}>]`,
    )
    .join(' ');
}

/** Parses `--name value`, `--name=value` and bare `--flag` tokens into raw args. */
export function parseOptionTokens(tokens: readonly string[], schema: z.ZodType): Record<string, unknown> {
  const specs = new Map(optionSpecs(schema).map((s) => [s.key, s]));
  const args: Record<string, unknown> = {};
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (!token.startsWith('--')) {
      throw new CseError(ErrorCode.BadInput, `Unexpected argument '${token}'`, {
        hint: `Options are: ${usageOf(schema) || '(none)'}`,
      });
    }
    const [flag, inline] = token.includes('=')
      ? [token.slice(0, token.indexOf('=')), token.slice(token.indexOf('=') + 1)]
      : [token, undefined];
    const key = keyOf(flag);
    const spec = specs.get(key);
    if (!spec)
      throw new CseError(ErrorCode.BadInput, `Unknown option ${flag}`, {
        hint: `Options are: ${usageOf(schema) || '(none)'}`,
      });
    if (spec.boolean) {
      args[key] = inline === undefined ? true : inline !== 'false';
      continue;
    }
    const value = inline ?? tokens[++i];
    if (value === undefined || value.startsWith('--'))
      throw new CseError(ErrorCode.BadInput, `Option ${flag} needs a value`, {
        hint: `Usage: ${usageOf(schema)}`,
      });
    args[key] = value;
  }
  return args;
}

/** Validates raw args against the command's schema; a bad value names the option and what it takes. */
export function validateArgs<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = issue?.path[0];
  if (issue?.code === 'unrecognized_keys') {
    throw new CseError(ErrorCode.BadInput, `Unknown option ${issue.keys.map((k) => flagOf(k)).join(', ')}`, {
      hint: `Options are: ${usageOf(schema)}`,
    });
  }
  const flag = typeof key === 'string' ? flagOf(key) : 'argument';
  throw new CseError(
    ErrorCode.BadInput,
    `${flag} ${JSON.stringify(raw[String(key)])}: ${issue?.message ?? 'invalid'}`,
    { hint: `Usage: ${usageOf(schema)}` },
  );
}

/** The `cse run …` line that reproduces an answer. */
export function reproduceLine(
  intent: string,
  args: Record<string, unknown>,
  accountId: string | null,
): string {
  const parts = ['cse run', intent];
  if (accountId) parts.push('--account', shellQuote(accountId));
  for (const [key, value] of Object.entries(args)) {
    if (value === undefined || value === null || value === false || key === 'account') continue;
    parts.push(value === true ? flagOf(key) : `${flagOf(key)} ${shellQuote(String(value))}`);
  }
  return parts.join(' ');
}

function shellQuote(value: string): string {
  return /^[A-Za-z0-9_.:@/-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}

/** A calendar day option, 'YYYY-MM-DD'. */
export const CalendarDay = z.string().refine(isCalendarDate, 'must be a date YYYY-MM-DD');
