import { addDays } from '../../core/calendar.ts';
import type { HealthModel } from '../../knowledge/health-model.ts';
import { USAGE_WINDOW_DAYS as WINDOW_DAYS } from '../../knowledge/usage-window.ts';
import { featureBreadthRow, roundRatio, stickiness } from '../usage/stickiness.ts';
import type { AccountHealthData } from './account-health-data.ts';
import { bandScore, describeChange, round1, trendScore } from './band-score.ts';
import { type DimensionScore, dimensionFrom, type HealthInput, missingInput } from './health-types.ts';

/** A decline in an expected low-usage month is not held against the account: at worst "flat". */
const SEASONAL_FLOOR = 5;

type UsageRow = AccountHealthData['usage'][number];

const mean = (values: number[]) =>
  values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** The last 28 days and the 28 before them. */
export function usageWindows(data: AccountHealthData): { recent: UsageRow[]; prior: UsageRow[] } {
  const recentStart = addDays(data.asOf, -(WINDOW_DAYS - 1));
  const priorStart = addDays(data.asOf, -(2 * WINDOW_DAYS - 1));
  return {
    recent: data.usage.filter((u) => u.date >= recentStart && u.date <= data.asOf),
    prior: data.usage.filter((u) => u.date >= priorStart && u.date < recentStart),
  };
}

/** Whether the recent window falls in the account's seasonal months. */
export function inSeasonalMonths(data: AccountHealthData): boolean {
  const months = new Set([
    Number(data.asOf.slice(5, 7)),
    Number(addDays(data.asOf, -(WINDOW_DAYS - 1)).slice(5, 7)),
  ]);
  return [...months].some((m) => data.seasonalMonths.includes(m));
}

/** Period-over-period trend of one usage field, seasonal months forgiven. */
export function usageTrend(
  data: AccountHealthData,
  model: HealthModel,
  field: 'core_actions' | 'wau',
  name: string,
  label: string,
): HealthInput {
  const { recent, prior } = usageWindows(data);
  const now = mean(recent.map((u) => u[field]).filter((v): v is number => v !== null));
  const before = mean(prior.map((u) => u[field]).filter((v): v is number => v !== null));
  if (now === null || before === null || before === 0)
    return missingInput(name, `${label}: not enough usage history (needs 8 weeks)`);
  const ratio = now / before;
  let score = trendScore(ratio, model.bands.trend);
  let detail = `${label} ${describeChange(ratio)} vs prior 4 weeks`;
  if (inSeasonalMonths(data) && score < SEASONAL_FLOOR) {
    score = SEASONAL_FLOOR;
    detail += ' (seasonal month: not counted as a decline)';
  }
  return { name, value: round1(ratio * 100) / 100, score, as_of: recent.at(-1)?.date ?? null, detail };
}

/** Product usage: DAU/MAU, feature breadth, and the core-action trend. */
export function productUsage(data: AccountHealthData, model: HealthModel): DimensionScore {
  const { recent } = usageWindows(data);
  const latest = recent.at(-1) ?? null;
  const inputs: HealthInput[] = [];
  const ratio = stickiness(data.usage, data.asOf);
  if (ratio !== null) {
    inputs.push({
      name: 'dau_mau',
      value: roundRatio(ratio),
      score: bandScore(ratio, model.bands.dau_mau),
      as_of: latest?.date ?? null,
      detail: `DAU/MAU ${pct(ratio)}`,
    });
  } else {
    inputs.push(missingInput('dau_mau', 'DAU/MAU: no usage in the last 4 weeks'));
  }
  const withFeatures = featureBreadthRow(data.usage, data.asOf);
  if (withFeatures) {
    const breadth = (withFeatures.features_used ?? 0) / (withFeatures.features_total ?? 1);
    inputs.push({
      name: 'feature_breadth',
      value: roundRatio(breadth),
      score: bandScore(breadth, model.bands.feature_breadth),
      as_of: withFeatures.date,
      detail: `${withFeatures.features_used} of ${withFeatures.features_total} features used`,
    });
  } else {
    inputs.push(missingInput('feature_breadth', 'feature breadth: no features_used / features_total'));
  }
  inputs.push(usageTrend(data, model, 'core_actions', 'core_action_trend', 'core actions'));
  return dimensionFrom(inputs, 'no usage data in the last 8 weeks');
}
