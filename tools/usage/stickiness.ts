import { addDays } from '../../core/calendar.ts';
import { USAGE_WINDOW_DAYS } from '../../knowledge/usage-window.ts';

/** The usage fields stickiness and feature breadth read from a day's usage row. */
export interface DailyUsage {
  date: string;
  dau: number | null;
  mau: number | null;
  features_used: number | null;
  features_total: number | null;
}

export const STICKINESS_DEFINITION = `DAU/MAU (stickiness): mean daily active users ÷ mean monthly active users over the ${USAGE_WINDOW_DAYS} days ending on the day`;
export const FEATURE_BREADTH_DEFINITION = `feature breadth: features used ÷ features available on the latest usage row in the ${USAGE_WINDOW_DAYS} days ending on the day`;

/** The first day of the usage window ending on `asOf`. */
export const usageWindowStart = (asOf: string): string => addDays(asOf, -(USAGE_WINDOW_DAYS - 1));

/** A ratio as every surface shows it: three decimals. */
export const roundRatio = (v: number): number => Math.round(v * 1000) / 1000;

const mean = (values: number[]) =>
  values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);

/** The one stickiness rule: mean DAU ÷ mean MAU (each mean over the rows that have it); null without MAU. */
export function stickinessOf(dauMean: number | null, mauMean: number | null): number | null {
  return dauMean !== null && mauMean !== null && mauMean > 0 ? dauMean / mauMean : null;
}

/** The usage rows inside the window ending on `asOf`, oldest first. */
export function inUsageWindow<T extends { date: string }>(rows: readonly T[], asOf: string): T[] {
  const from = usageWindowStart(asOf);
  return rows.filter((r) => r.date >= from && r.date <= asOf).sort((a, b) => a.date.localeCompare(b.date));
}

/** Stickiness over the window ending on `asOf` (unrounded), null without DAU and MAU in it. */
export function stickiness(rows: readonly DailyUsage[], asOf: string): number | null {
  const window = inUsageWindow(rows, asOf);
  return stickinessOf(mean(present(window.map((u) => u.dau))), mean(present(window.map((u) => u.mau))));
}

/** The row feature breadth is read from: the latest in the window with features used and a total above 0. */
export function featureBreadthRow<T extends DailyUsage>(rows: readonly T[], asOf: string): T | null {
  return (
    inUsageWindow(rows, asOf)
      .reverse()
      .find((u) => u.features_used !== null && (u.features_total ?? 0) > 0) ?? null
  );
}

/** The one feature-breadth rule: features used ÷ available on that row (unrounded); null without one. */
export function featureBreadth(rows: readonly DailyUsage[], asOf: string): number | null {
  const row = featureBreadthRow(rows, asOf);
  return row === null ? null : (row.features_used ?? 0) / (row.features_total ?? 1);
}
