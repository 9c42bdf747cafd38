import { addDays } from '../../core/calendar.ts';
import type { ChurnRiskConfig } from '../../knowledge/churn-risk-config.ts';
import type { ReportedTier } from '../../knowledge/health-model.ts';
import { isAtRisk } from '../portfolio/health-tiers.ts';
import type { RiskAssessment } from './churn-risk-assessment.ts';

/** One dated step of a save plan, with who owns it. */
export interface SaveStep {
  due: string;
  owner: string;
  action: string;
  source: 'tier' | 'reason';
}

export interface SavePlan {
  needed: boolean;
  urgency: 'same-day escalation' | '48-hour plan' | 'watch';
  steps: SaveStep[];
}

/**
 * The intervention plan: the tier's first steps (same day for critical, within 48 hours for
 * at-risk) then the save play for the likely churn reason, each dated from the start day and
 * owned by the CSM or a CS leader. A healthy account with no high risk needs none.
 */
export function savePlan(
  tier: ReportedTier,
  risk: RiskAssessment,
  owners: { csm: string; leader: string },
  startDay: string,
  config: ChurnRiskConfig,
): SavePlan {
  const urgent = isAtRisk(tier);
  const needed = urgent || risk.level === 'high' || risk.level === 'critical';
  if (!needed) return { needed: false, urgency: 'watch', steps: [] };
  const steps: SaveStep[] = [];
  const interventions =
    tier === 'critical' ? config.tier_interventions.critical : config.tier_interventions['at-risk'];
  if (urgent || risk.level === 'critical') {
    for (const i of interventions) {
      steps.push({
        due: addDays(startDay, Math.floor(i.after_hours / 24)),
        owner: owners[i.owner],
        action: i.action,
        source: 'tier',
      });
    }
  }
  risk.savePlay?.steps.forEach((action, k) => {
    const days = config.reason_step_days[Math.min(k, config.reason_step_days.length - 1)] ?? 7;
    steps.push({ due: addDays(startDay, days), owner: owners.csm, action, source: 'reason' });
  });
  steps.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  return {
    needed: true,
    urgency:
      tier === 'critical' || risk.level === 'critical'
        ? 'same-day escalation'
        : urgent || risk.level === 'high'
          ? '48-hour plan'
          : 'watch',
    steps,
  };
}
