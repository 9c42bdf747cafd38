import { z } from 'zod';
import { type AlertRuleDeclaration, defineAlertRule, ev } from '../alert-rule.ts';

/**
 * A rule that raises a churn-risk leading indicator (knowledge/risk/churn-risk.json) as an alert:
 * the indicator named by the rule's `indicator` in knowledge/alerts/rules.json, with its evidence.
 */
const indicatorRule = (id: string): AlertRuleDeclaration =>
  defineAlertRule({
    id,
    needs: [],
    params: z.object({}).strict(),
    check(inputs, _params, rule) {
      const indicator = inputs.indicators.find((i) => i.id === rule.indicator);
      if (!indicator?.fired) return [];
      return [
        {
          reason_key: '',
          reason: `${indicator.label}: ${indicator.evidence.join('; ')}. ${indicator.leadTime.replace(/^./, (c) => c.toUpperCase())}.`,
          evidence: indicator.evidence.map((e) => ev(indicator.label, e, indicator.since)),
          inputs_key: indicator.inputs.join('|'),
          since: indicator.since ?? inputs.day,
        },
      ];
    },
  });

export const INDICATOR_RULES = [
  'usage_decline',
  'champion_left',
  'ticket_spike_then_silence',
  'billing_page_visits',
  'competitor_evaluation',
  'data_export',
  'non_renewal_signals',
  'seat_removal',
  'onboarding_no_login',
  'onboarding_kickoff_delayed',
  'onboarding_low_activation',
  'onboarding_integration_failed',
  'onboarding_no_exec_sponsor',
].map(indicatorRule);
