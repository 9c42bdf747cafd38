import type { ExpansionConfig } from '../../knowledge/expansion-config.ts';
import type { HealthScore } from '../health/health-score.ts';
import type { AccountRiskData } from '../risk/account-risk-data.ts';
import { seatUtilisation } from './expansion-signals.ts';

/** The 0–100 expansion lead score and its parts (usage growth, adoption, sentiment, footprint, ARR potential). */
export interface LeadScore {
  score: number;
  parts: Record<
    'usage_growth' | 'feature_adoption' | 'sentiment' | 'footprint' | 'arr_potential',
    { points: number; max: number; detail: string }
  >;
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const round = (x: number) => Math.round(x * 10) / 10;

export function expansionLeadScore(
  data: AccountRiskData,
  health: HealthScore,
  config: ExpansionConfig,
): LeadScore {
  const w = config.lead_score_weights;
  const usageInput = health.dimensions.product_usage.inputs.find((i) => i.name === 'core_action_trend');
  const growth = typeof usageInput?.value === 'number' ? usageInput.value : null;
  const breadth = health.dimensions.product_usage.inputs.find((i) => i.name === 'feature_breadth');
  const nps = data.feedback90d
    .filter((f) => f.source === 'nps' && f.score !== null)
    .map((f) => f.score as number);
  const npsMean = nps.length > 0 ? nps.reduce((s, v) => s + v, 0) / nps.length : null;
  const engaged = health.dimensions.relationship.inputs.find((i) => i.name === 'threading');
  const seats = seatUtilisation(data);
  const parts: LeadScore['parts'] = {
    usage_growth: {
      points: round(w.usage_growth * clamp01(growth === null ? 0 : (growth - 0.9) / 0.6)),
      max: w.usage_growth,
      detail: growth === null ? 'no usage trend' : `core actions ×${growth} vs the 4 weeks before`,
    },
    feature_adoption: {
      points: round(w.feature_adoption * clamp01(typeof breadth?.value === 'number' ? breadth.value : 0)),
      max: w.feature_adoption,
      detail: breadth?.detail ?? 'no feature data',
    },
    sentiment: {
      points: round(
        w.sentiment *
          clamp01(npsMean !== null ? npsMean / 10 : health.score !== null ? health.score / 100 : 0),
      ),
      max: w.sentiment,
      detail:
        npsMean !== null
          ? `average NPS ${round(npsMean)} in 90 days`
          : health.score !== null
            ? `no NPS in 90 days; health ${health.score} used`
            : 'no NPS in 90 days and no health score (not enough data)',
    },
    footprint: {
      points: round(w.footprint * clamp01((typeof engaged?.value === 'number' ? engaged.value : 0) / 5)),
      max: w.footprint,
      detail: engaged ? `${engaged.value} engaged contacts` : 'no contacts',
    },
    arr_potential: {
      points: round(w.arr_potential * clamp01(seats ? seats.share : 0)),
      max: w.arr_potential,
      detail: seats ? `${seats.used} of ${seats.purchased} seats in use` : 'seat use unknown',
    },
  };
  const score = Math.round(Object.values(parts).reduce((s, p) => s + p.points, 0));
  return { score, parts };
}
