import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isCalendarDate, monthEnd } from '../../core/calendar.ts';
import { centsToAmount, formatMoney, formatMoneyShort } from '../../core/money.ts';
import { encodeCopyValue } from '../../store/db.ts';
import { parseCents } from '../../store/import/fields.ts';

describe('money', () => {
  it('parses amounts exactly into cents', () => {
    expect(parseCents('1200')).toBe(120_000);
    expect(parseCents('1,200.5')).toBe(120_050);
    expect(parseCents('$99.99')).toBe(9_999);
    expect(parseCents('0.1')).toBe(10);
    expect(parseCents('-5')).toBeNull();
    expect(parseCents('12.345')).toBeNull();
    expect(parseCents('abc')).toBeNull();
  });

  it('formats cents for people', () => {
    expect(centsToAmount(123_456)).toBe(1_234.56);
    expect(formatMoney(123_456_789)).toBe('$1,234,567.89');
    expect(formatMoneyShort(123_456_789)).toBe('$1.23M');
    expect(formatMoneyShort(4_850_000)).toBe('$48.5k');
    expect(formatMoneyShort(95_000)).toBe('$950');
  });
});

describe('calendar', () => {
  it('does date arithmetic in UTC', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-2-1')).toBe(false);
    expect(daysBetween('2026-11-24', '2027-02-22')).toBe(90);
    expect(daysBetween('2026-11-24', '2026-11-20')).toBe(-4);
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(monthEnd('2024-02')).toBe('2024-02-29');
  });
});

describe('COPY encoding', () => {
  it('quotes text, writes NULL as an empty field and arrays as Postgres literals', () => {
    expect(encodeCopyValue(null)).toBe('');
    expect(encodeCopyValue('')).toBe('""');
    expect(encodeCopyValue('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(encodeCopyValue([6, 7])).toBe('"{""6"",""7""}"');
    expect(encodeCopyValue({ a: 1 })).toBe('"{""a"":1}"');
    expect(encodeCopyValue(12.5)).toBe('12.5');
    expect(() => encodeCopyValue(Number.NaN)).toThrow(/non-finite/);
  });
});
