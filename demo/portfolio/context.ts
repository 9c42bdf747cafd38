import { SeededRandom } from '../../core/random.ts';
import type { DemoVocabulary } from '../../knowledge/demo-vocabulary.ts';
import { DEMO_TABLES, type DemoTableName, type DemoTables } from './tables.ts';

/** A value a demo row holds. */
export type DemoValue =
  | string
  | number
  | boolean
  | null
  | readonly number[]
  | Record<string, string | undefined>;

/** One row of a table, by column: every column of the table, nothing else. */
export type DemoRow<T extends DemoTableName> = { [C in (typeof DEMO_TABLES)[T][number]]: DemoValue };

/** What every generator shares: the random stream, the window, the vocabulary and the tables it fills. */
export interface DemoContext {
  rng: SeededRandom;
  vocab: DemoVocabulary;
  asOf: string;
  /** Months of history, and the weeks of usage they hold. */
  MONTHS: number;
  WEEKS: number;
  /** The window's months, 'YYYY-MM', oldest first, and each one's index. */
  months: string[];
  monthIndex: Map<string, number>;
  tables: DemoTables;
  counters: Record<string, number>;
}

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');
export const slug = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]+/g, '');
export const ts = (date: string, hour = 15): string => `${date}T${pad(hour, 2)}:00:00.000Z`;

export function demoContext(
  options: { seed: number; asOf: string; months: number },
  vocab: DemoVocabulary,
  monthsOf: (asOf: string, count: number) => string[],
): DemoContext {
  const months = monthsOf(options.asOf, options.months);
  return {
    rng: new SeededRandom(options.seed),
    vocab,
    asOf: options.asOf,
    MONTHS: options.months,
    WEEKS: Math.round((options.months * 52) / 12),
    months,
    monthIndex: new Map(months.map((m, i) => [m, i])),
    tables: Object.fromEntries(
      Object.entries(DEMO_TABLES).map(([name, columns]) => [name, { columns, rows: [] as unknown[][] }]),
    ) as unknown as DemoTables,
    counters: {},
  };
}

/** Adds a row to a table, its values in the table's column order. */
export function add<T extends DemoTableName>(ctx: DemoContext, table: T, row: DemoRow<T>): void {
  const columns = DEMO_TABLES[table] as readonly (keyof DemoRow<T>)[];
  ctx.tables[table].rows.push(columns.map((c) => row[c]));
}

/** The next id of a kind: 'TCK-000001', … */
export function nextId(ctx: DemoContext, prefix: string): string {
  ctx.counters[prefix] = (ctx.counters[prefix] ?? 0) + 1;
  return `${prefix}-${pad(ctx.counters[prefix], 6)}`;
}

/** A made-up person's full name. */
export const person = (ctx: DemoContext): string =>
  `${ctx.rng.pick(ctx.vocab.firstNames)} ${ctx.rng.pick(ctx.vocab.lastNames)}`;
