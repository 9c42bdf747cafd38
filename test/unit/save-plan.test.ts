import { describe, expect, it } from 'vitest';
import { churnRiskConfig } from '../../knowledge/churn-risk-config.ts';
import type { RiskAssessment } from '../../tools/risk/churn-risk-assessment.ts';
import { savePlan } from '../../tools/risk/save-plan.ts';

const config = churnRiskConfig();
const owners = { csm: 'maya@cs.example', leader: 'lee@cs.example' };
const risk = (level: RiskAssessment['level'], category: 'competition' | null): RiskAssessment => ({
  level,
  points: 0,
  drivers: [],
  likelyReason: category ? { category, evidence: ['x'] } : null,
  savePlay: category ? { category, ...config.save_plays[category] } : null,
  daysToRenewal: null,
});

describe('save plan', () => {
  it('escalates a critical account the same day, then runs the reason play, dated with owners', () => {
    const plan = savePlan('critical', risk('critical', 'competition'), owners, '2026-11-24', config);
    expect(plan.urgency).toBe('same-day escalation');
    expect(plan.steps[0]).toEqual({
      due: '2026-11-24',
      owner: 'lee@cs.example',
      action: config.tier_interventions.critical[0]?.action,
      source: 'tier',
    });
    const reasonSteps = plan.steps.filter((s) => s.source === 'reason');
    expect(reasonSteps.map((s) => s.due)).toEqual(['2026-11-27', '2026-12-01', '2026-12-08']);
    expect(reasonSteps.map((s) => s.action)).toEqual(config.save_plays.competition.steps);
    expect(plan.steps.map((s) => s.due)).toEqual([...plan.steps.map((s) => s.due)].sort());
  });

  it('gives an at-risk account a 48-hour plan owned by the CSM', () => {
    const plan = savePlan('at-risk', risk('medium', null), owners, '2026-11-24', config);
    expect(plan.urgency).toBe('48-hour plan');
    expect(plan.steps.filter((s) => s.due <= '2026-11-26').every((s) => s.owner === 'maya@cs.example')).toBe(
      true,
    );
    expect(plan.steps).toHaveLength(config.tier_interventions['at-risk'].length);
  });

  it('needs no plan for a healthy account with low risk', () => {
    expect(savePlan('healthy', risk('low', null), owners, '2026-11-24', config)).toEqual({
      needed: false,
      urgency: 'watch',
      steps: [],
    });
    expect(savePlan('healthy', risk('high', 'competition'), owners, '2026-11-24', config).urgency).toBe(
      '48-hour plan',
    );
  });
});
