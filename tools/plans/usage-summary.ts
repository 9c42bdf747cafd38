import { addDays } from '../../core/calendar.ts';
import { roundRatio, stickiness } from '../usage/stickiness.ts';

export interface UsagePoint {
  date: string;
  dau: number | null;
  wau: number | null;
  mau: number | null;
  seats_active: number | null;
  core_actions: number | null;
  features_used: number | null;
  features_total: number | null;
}

export interface UsageSummary {
  window_days: number;
  from: string;
  to: string;
  /** Usage rows inside the window. */
  rows: number;
  avg_weekly_active_users: number | null;
  /** DAU/MAU as every answer shows it (tools/usage/stickiness: the 28 days to as-of), 0–1. */
  stickiness: number | null;
  latest_seats_active: number | null;
  latest_features_used: number | null;
  features_total: number | null;
  core_actions_total: number;
  /** Core actions per row, first 30 days of the window vs the last 30. */
  core_actions_first_30d: number | null;
  core_actions_last_30d: number | null;
  /** Percentage change last 30 days vs first 30 days, rounded; null without both. */
  trend_percent: number | null;
  trend: 'growing' | 'flat' | 'declining' | 'unknown';
}

const FLAT_BAND_PERCENT = 10;
const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);
const values = (rows: UsagePoint[], key: keyof UsagePoint) =>
  rows.map((r) => r[key]).filter((v): v is number => typeof v === 'number');

/** What usage looked like over the window ending on asOf: averages, latest levels and the trend. */
export function usageSummary(rows: readonly UsagePoint[], asOf: string, windowDays: number): UsageSummary {
  const from = addDays(asOf, -(windowDays - 1));
  const inWindow = rows
    .filter((r) => r.date >= from && r.date <= asOf)
    .sort((a, b) => a.date.localeCompare(b.date));
  const firstCut = addDays(from, 29);
  const lastCut = addDays(asOf, -29);
  const perRow = (part: UsagePoint[]) => {
    const m = mean(values(part, 'core_actions'));
    return m === null ? null : Math.round(m);
  };
  const first = perRow(inWindow.filter((r) => r.date <= firstCut));
  const last = perRow(inWindow.filter((r) => r.date >= lastCut));
  const trendPercent =
    first !== null && last !== null && first > 0 ? Math.round(((last - first) / first) * 100) : null;
  const latest = (key: keyof UsagePoint) => values(inWindow, key).at(-1) ?? null;
  const wau = mean(values(inWindow, 'wau'));
  const sticky = stickiness(rows, asOf);
  return {
    window_days: windowDays,
    from,
    to: asOf,
    rows: inWindow.length,
    avg_weekly_active_users: wau === null ? null : Math.round(wau),
    stickiness: sticky === null ? null : roundRatio(sticky),
    latest_seats_active: latest('seats_active'),
    latest_features_used: latest('features_used'),
    features_total: latest('features_total'),
    core_actions_total: values(inWindow, 'core_actions').reduce((s, v) => s + v, 0),
    core_actions_first_30d: first,
    core_actions_last_30d: last,
    trend_percent: trendPercent,
    trend:
      trendPercent === null
        ? 'unknown'
        : trendPercent > FLAT_BAND_PERCENT
          ? 'growing'
          : trendPercent < -FLAT_BAND_PERCENT
            ? 'declining'
            : 'flat',
  };
}
