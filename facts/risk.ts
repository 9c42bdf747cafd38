import { churnRiskConfig } from '../knowledge/churn-risk-config.ts';
import { healthModel } from '../knowledge/health-model.ts';
import type { Queryable } from '../store/db.ts';
import { riskData } from '../store/repositories/risk-data.ts';
import { type HealthScore, healthScore } from '../tools/health/health-score.ts';
import type { AccountRiskData } from '../tools/risk/account-risk-data.ts';
import { assessChurnRisk, type RiskAssessment } from '../tools/risk/churn-risk-assessment.ts';
import { type Indicator, leadingIndicators } from '../tools/risk/leading-indicators.ts';
import { arrOn } from './arr.ts';

export interface AccountRisk {
  data: AccountRiskData;
  health: HealthScore;
  indicators: Indicator[];
  risk: RiskAssessment;
  arrCents: number;
}

/** Health, leading indicators and churn risk of one account as of a day: what churn_risk and save_play share. */
export async function accountRisk(db: Queryable, accountId: string, asOf: string): Promise<AccountRisk> {
  const config = churnRiskConfig();
  const [data] = await riskData(db, asOf, [accountId]);
  if (!data) throw new Error(`account ${accountId} vanished while assessing risk`);
  const health = healthScore(data, healthModel());
  const arrCents = (await arrOn(db, asOf, [accountId])).get(accountId)?.arrCents ?? 0;
  const indicators = leadingIndicators(data, config);
  const risk = assessChurnRisk(
    indicators,
    { tier: health.tier, renewalDate: data.renewalDate, contractTerm: data.contractTerm, arrCents, asOf },
    config,
  );
  return { data, health, indicators, risk, arrCents };
}

/** Stored as is: read by answers, jobs and Slack surfaces through this module. */
export { riskData } from '../store/repositories/risk-data.ts';
