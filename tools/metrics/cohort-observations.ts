import { compareText } from '../compare-text.ts';
import type { Cohort } from './cohorts.ts';

/**
 * Deterministic observations on a cohort table, in the order a CS leader asks: where customers
 * drop off, which cohorts did best and worst, whether newer cohorts retain better, and how
 * revenue retention compares with logo retention.
 */
export type CohortMetric = 'logo' | 'revenue';

export interface CohortObservations {
  horizon: number | null;
  steepestDrop: {
    fromK: number;
    toK: number;
    averageDrop: number;
    diagnosis: 'onboarding' | 'renewal' | 'mid-life';
  } | null;
  best: { cohort: string; retention: number } | null;
  worst: { cohort: string; retention: number } | null;
  newerRetainBetter: { newer: number; older: number; answer: boolean } | null;
  revenueVsLogo: { revenue: number; logo: number; gap: number } | null;
  sentences: string[];
}

const cellValue = (cohort: Cohort, k: number, metric: CohortMetric): number | null => {
  const cell = cohort.cells[k];
  if (!cell) return null;
  return (metric === 'logo' ? cell.logoRetention : cell.revenueRetention).value;
};
const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The size-weighted steepest month-to-month drop over the first year, with its diagnosis; null without a drop. */
function steepestDropOf(real: readonly Cohort[], metric: CohortMetric): CohortObservations['steepestDrop'] {
  const maxK = Math.max(0, ...real.map((c) => c.cells.length - 1));
  let steepestDrop: CohortObservations['steepestDrop'] = null;
  for (let k = 1; k <= Math.min(12, maxK); k++) {
    let weighted = 0;
    let weight = 0;
    for (const c of real) {
      const before = cellValue(c, k - 1, metric);
      const after = cellValue(c, k, metric);
      if (before === null || after === null) continue;
      weighted += (before - after) * c.size;
      weight += c.size;
    }
    if (weight === 0) continue;
    const averageDrop = weighted / weight;
    if (!steepestDrop || averageDrop > steepestDrop.averageDrop + 1e-12) {
      steepestDrop = {
        fromK: k - 1,
        toK: k,
        averageDrop,
        diagnosis: k <= 2 ? 'onboarding' : k >= 6 ? 'renewal' : 'mid-life',
      };
    }
  }
  return steepestDrop && steepestDrop.averageDrop > 0 ? steepestDrop : null;
}

/** Best and worst cohorts, newer vs older, and revenue vs logo retention at a common horizon. */
function atHorizon(real: readonly Cohort[], metric: CohortMetric, h: number, sentences: string[]) {
  const eligible = real.filter((c) => cellValue(c, h, metric) !== null);
  const scored = eligible.map((c) => ({ cohort: c.cohort, retention: cellValue(c, h, metric) as number }));
  const sorted = [...scored].sort((a, b) => b.retention - a.retention || compareText(a.cohort, b.cohort));
  const best = sorted[0] ?? null;
  const worst = sorted.at(-1) ?? null;
  if (best && worst)
    sentences.push(
      `At month ${h}, the best cohort is ${best.cohort} (${pct(best.retention)}) and the worst ${worst.cohort} (${pct(worst.retention)}).`,
    );
  let newerRetainBetter: CohortObservations['newerRetainBetter'] = null;
  const half = Math.floor(scored.length / 2);
  if (half >= 1) {
    const older = mean(scored.slice(0, half).map((s) => s.retention));
    const newer = mean(scored.slice(scored.length - half).map((s) => s.retention));
    newerRetainBetter = { newer, older, answer: newer > older };
    sentences.push(
      `Newer cohorts retain ${newer > older ? 'better' : newer < older ? 'worse' : 'the same'} at month ${h}: ${pct(newer)} vs ${pct(older)} for the older half.`,
    );
  }
  const revenue = mean(eligible.map((c) => cellValue(c, h, 'revenue') as number));
  const logo = mean(eligible.map((c) => cellValue(c, h, 'logo') as number));
  sentences.push(
    revenue >= logo
      ? `Revenue retention (${pct(revenue)}) beats logo retention (${pct(logo)}) at month ${h}: customers who stay expand.`
      : `Revenue retention (${pct(revenue)}) trails logo retention (${pct(logo)}) at month ${h}: larger customers leave or shrink.`,
  );
  return { best, worst, newerRetainBetter, revenueVsLogo: { revenue, logo, gap: revenue - logo } };
}

export function cohortObservations(cohorts: readonly Cohort[], metric: CohortMetric): CohortObservations {
  // Left-censored cohorts have no true start, so they are not compared.
  const real = cohorts.filter((c) => !c.leftCensored && c.size > 0);
  const sentences: string[] = [];
  const steepestDrop = steepestDropOf(real, metric);
  if (steepestDrop) {
    const why = {
      onboarding: 'an onboarding problem (months 1–2)',
      renewal: 'a renewal problem (months 6–12)',
      'mid-life': 'a mid-life adoption problem',
    }[steepestDrop.diagnosis];
    sentences.push(
      `Steepest drop-off is from month ${steepestDrop.fromK} to ${steepestDrop.toK} (${pct(steepestDrop.averageDrop)} on average): ${why}.`,
    );
  } else sentences.push('No cohort loses retention from one month to the next.');
  // Compare cohorts at a common horizon: the longest of 12, 6, 3, 1 months two cohorts reached.
  const horizon =
    [12, 6, 3, 1].find((h) => real.filter((c) => cellValue(c, h, metric) !== null).length >= 2) ?? null;
  if (horizon === null) {
    sentences.push('Too few cohorts with history to compare yet.');
    return {
      horizon,
      steepestDrop,
      best: null,
      worst: null,
      newerRetainBetter: null,
      revenueVsLogo: null,
      sentences,
    };
  }
  return { horizon, steepestDrop, ...atHorizon(real, metric, horizon, sentences), sentences };
}
