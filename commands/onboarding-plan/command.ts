import { z } from 'zod';
import { addDays, daysBetween, endOfDay } from '../../core/calendar.ts';
import { accountRisk } from '../../facts/risk.ts';
import { touchpointsForAccount } from '../../facts/touchpoints.ts';
import { churnRiskConfig } from '../../knowledge/churn-risk-config.ts';
import { onboardingPlaybook } from '../../knowledge/onboarding-playbook.ts';
import { onboardingProgress } from '../../tools/plans/onboarding-progress.ts';
import { leadingIndicators } from '../../tools/risk/leading-indicators.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderOnboardingPlan } from './render.ts';

export const OnboardingArgs = z.object({ as_of: AsOfArg }).strict();

export const OnboardingData = z.object({
  as_of: z.string(),
  contract_start: z.string().nullable(),
  day: z.number().int().nullable(),
  in_onboarding: z.boolean(),
  segment: z.string().nullable(),
  aha_moment: z.string(),
  ttfv_days: z.number().int(),
  ttfv_target_date: z.string().nullable(),
  milestones: z.array(
    z.object({
      week: z.number().int(),
      due: z.string(),
      title: z.string(),
      status: z.string(),
      evidence: z.string().nullable(),
    }),
  ),
  risk_signals: z.array(z.object({ label: z.string(), evidence: z.array(z.string()) })),
  message: z.string().nullable(),
});
export type OnboardingData = z.infer<typeof OnboardingData>;

const KICKOFF_DAYS = 21;
const ONBOARDING_SIGNALS = new Set([
  'no_login_after_day_3',
  'low_activation_day_30',
  'kickoff_delayed',
  'no_exec_sponsor',
  'integration_failed',
  'champion_left',
]);

export const onboardingPlan = defineCommand({
  intent: 'onboarding_plan',
  title: 'Onboarding plan',
  summary:
    'The 90-day onboarding plan for the segment, dated from contract start, with progress from the data and the onboarding risks firing',
  examples: [
    'onboarding plan for Soylent Foods',
    'how is Soylent onboarding going?',
    'onboarding Soylent Foods',
  ],
  triggers: {
    kind: 'account',
    patterns: strong(
      /\bonboard(?:ing|ed)?\b/,
      /\bimplementation (?:plan|status|progress)\b/,
      /\btime to (?:first )?value\b/,
      /\bttfv\b/,
      /\bkick ?off\b/,
      /\b(?:go|gone|went|going) ?live\b/,
    ),
  },
  render: renderOnboardingPlan,
  account: 'required',
  access: { area: 'account_health', write: false, target: 'account' },
  args: OnboardingArgs,
  result: OnboardingData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const playbook = onboardingPlaybook();
    const id = account.id;
    const { data } = await accountRisk(ctx.db, id, asOf);
    const start = data.contractStart;
    const touches = start
      ? await touchpointsForAccount(ctx.db, id, {
          from: start,
          to: endOfDay(addDays(start, KICKOFF_DAYS)),
        })
      : [];
    const kickoff = touches.find((t) => t.kind === 'meeting' || t.kind === 'call' || t.kind === 'qbr');
    const segment = (data.segment ?? 'mid-market') as keyof typeof playbook.segments;
    const profile = playbook.segments[segment] ?? {
      aha_moment: 'the first core workflow is live',
      ttfv_days: 30,
    };
    const day = start ? daysBetween(start, asOf) : null;
    const inOnboarding = day !== null && day >= 0 && day <= 90;
    // Onboarding signals are checked as if the account were still in its first 90 days.
    const config = churnRiskConfig();
    const signals = leadingIndicators(data, {
      ...config,
      onboarding_days: Math.max(config.onboarding_days, day ?? 0),
    });
    const result: OnboardingData = {
      as_of: asOf,
      contract_start: start,
      day,
      in_onboarding: inOnboarding,
      segment: data.segment,
      aha_moment: profile.aha_moment,
      ttfv_days: profile.ttfv_days,
      ttfv_target_date: start ? addDays(start, profile.ttfv_days) : null,
      milestones: start ? onboardingProgress(data, kickoff ? kickoff.at.slice(0, 10) : null, playbook) : [],
      risk_signals: signals
        .filter((s) => s.fired && ONBOARDING_SIGNALS.has(s.id))
        .map((s) => ({ label: s.label, evidence: s.evidence })),
      message: !start
        ? 'No contract_start is recorded, so the plan cannot be dated: import it with the accounts.'
        : !inOnboarding
          ? `Onboarding ended ${(day ?? 0) - 90} days ago (contract started ${start}); the plan is shown as it played out.`
          : null,
    };
    return {
      data: result,
      asOf,
      definitions: {
        milestones:
          'week N is due on contract_start + 7N − 1 days; status from usage, touchpoints, goals and events',
      },
    };
  },
});
