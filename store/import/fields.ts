import { z } from 'zod';
import { isCalendarDate, startOfDay } from '../../core/calendar.ts';

/**
 * Field schemas for import columns. Each takes the raw cell (string, or null when empty or
 * absent) and yields the value stored, with a message that says what was expected.
 */
export type Field = z.ZodType<unknown, string | null>;

const MONTH = /^(\d{4})-(\d{2})$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

function show(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

type Convert<T> = (text: string) => { ok: true; value: T } | { ok: false; message: string };

/** Builds a field from a converter: null passes through unless the column is required. */
function field<T>(convert: Convert<T>, required: boolean): Field {
  return z.union([z.string(), z.null()]).transform((raw, ctx) => {
    if (raw === null) {
      if (required) ctx.addIssue({ code: 'custom', message: 'is required but empty' });
      return null;
    }
    const result = convert(raw);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.value;
  });
}

const ok = <T>(value: T) => ({ ok: true as const, value });
const fail = (message: string) => ({ ok: false as const, message });

export const text = (required = false) => field((v) => ok(v), required);

export const oneOf = (values: readonly string[], required = false) =>
  field((v) => {
    const normalised = v.toLowerCase();
    return values.includes(normalised)
      ? ok(normalised)
      : fail(`${show(v)} is not one of ${values.join(', ')}`);
  }, required);

export const date = (required = false) =>
  field(
    (v) => (isCalendarDate(v) ? ok(v) : fail(`${show(v)} is not a valid date (expected YYYY-MM-DD)`)),
    required,
  );

/** A date or a date-time; a bare date means midnight UTC. Stored as an ISO timestamp. */
export const timestamp = (required = false) =>
  field((v) => {
    if (isCalendarDate(v)) return ok(startOfDay(v));
    if (DATETIME.test(v) && isCalendarDate(v.slice(0, 10))) {
      const parsed = new Date(v.replace(' ', 'T'));
      if (!Number.isNaN(parsed.getTime())) return ok(parsed.toISOString());
    }
    return fail(`${show(v)} is not a valid date or date-time (expected YYYY-MM-DD or ISO 8601)`);
  }, required);

/** `YYYY-MM`, stored as the first day of the month. */
export const month = (required = false) =>
  field((v) => {
    const m = MONTH.exec(v);
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return ok(`${v}-01`);
    return fail(`${show(v)} is not a valid month (expected YYYY-MM)`);
  }, required);

const MONEY = /^(\d+)(?:\.(\d{1,2}))?$/;

/** Parses a money amount exactly into integer cents ("1,200.5" → 120050; "$99" → 9900). */
export function parseCents(raw: string): number | null {
  const cleaned = raw
    .replace(/^[$€£]/, '')
    .replaceAll(',', '')
    .trim();
  const m = MONEY.exec(cleaned);
  if (!m) return null;
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(cents) ? cents : null;
}

export const money = (required = false) =>
  field((v) => {
    const cents = parseCents(v);
    return cents === null
      ? fail(`${show(v)} is not a valid non-negative amount (e.g. 1200 or 1200.50)`)
      : ok(cents);
  }, required);

export const integer = (min: number, max: number, required = false) =>
  field((v) => {
    const n = /^-?\d+$/.test(v) ? Number(v) : Number.NaN;
    if (!Number.isSafeInteger(n)) return fail(`${show(v)} is not a whole number`);
    if (n < min || n > max) return fail(`${v} is out of range (${min}–${max})`);
    return ok(n);
  }, required);

export const decimal = (required = false) =>
  field((v) => {
    const n = /^-?\d+(\.\d+)?$/.test(v.replaceAll(',', '')) ? Number(v.replaceAll(',', '')) : Number.NaN;
    return Number.isFinite(n) ? ok(n) : fail(`${show(v)} is not a number`);
  }, required);

/** Month numbers such as "6,7,8" (or "6;7;8"): the account's expected low-usage months. */
export const monthList = () =>
  field((v) => {
    const parts = v
      .split(/[,;\s]+/)
      .map((p) => p.trim())
      .filter(Boolean);
    const months = parts.map(Number);
    if (months.some((m) => !Number.isInteger(m) || m < 1 || m > 12)) {
      return fail(`${show(v)} is not a list of month numbers 1–12 (e.g. 6,7,8)`);
    }
    return ok([...new Set(months)].sort((a, b) => a - b));
  }, false).transform((months) => months ?? []);
