import { churnRiskConfig } from '../knowledge/churn-risk-config';
import { healthModel } from '../knowledge/health-model';
import type { Queryable } from '../store/db';
import { portfolioFacts } from '../store/repositories/accounts';
import { riskData } from '../store/repositories/risk-data';
import { type HealthScore, healthScore } from '../tools/health/health-score';
import { accountArr } from '../tools/portfolio/account-arr';
import type { AccountRiskData } from '../tools/risk/account-risk-data';
import { assessChurnRisk, type RiskAssessment } from '../tools/risk/churn-risk-assessment';
import { type Indicator, leadingIndicators } from '../tools/risk/leading-indicators';

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
  const [facts] = (await portfolioFacts(db, asOf, { ids: [accountId] })).accounts;
  const arrCents = facts
    ? accountArr({
        mrrCents: facts.mrr_cents,
        hasRevenue: facts.has_revenue,
        declaredArrCents: facts.arr_cents,
      }).arrCents
    : 0;
  const indicators = leadingIndicators(data, config);
  const risk = assessChurnRisk(
    indicators,
    { tier: health.tier, renewalDate: data.renewalDate, contractTerm: data.contractTerm, arrCents, asOf },
    config,
  );
  return { data, health, indicators, risk, arrCents };
}
