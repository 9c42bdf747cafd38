import { addDays, daysBetween } from '../../core/calendar.ts';
import type { AlertRule, AlertRuleId, AlertRules, AlertSeverity } from '../../knowledge/alert-rules.ts';
import { type EngagementLevels, engagementLevels } from '../../knowledge/engagement-levels.ts';
import { type LifecyclePlaybook, lifecyclePlaybook } from '../../knowledge/lifecycle-playbook.ts';
import type { RenewalPlaybook } from '../../knowledge/renewal-playbook.ts';
import type { EngagementLevel } from '../health/engagement-level.ts';
import { csTier } from '../plans/lifecycle-stage.ts';
import { isAtRisk, worseTier } from '../portfolio/health-tiers.ts';
import { hasTermRenewal } from '../renewal/term-renewal.ts';
import { excerpt } from '../text/excerpt.ts';
import { type AlertCondition, type AlertEvidence, type AlertInputs, isScored } from './alert-types.ts';

const atRisk = (inputs: AlertInputs) => isScored(inputs.snapshot) && isAtRisk(inputs.snapshot.tier);
const day = (ts: string) => ts.slice(0, 10);
const ev = (input: string, value: string, as_of: string | null): AlertEvidence => ({ input, value, as_of });

type Hit = Omit<AlertCondition, 'account_id' | 'rule' | 'severity'> & { severity?: AlertSeverity };
/** The playbooks some rules read beside their own parameters. */
interface RuleContext {
  renewal: RenewalPlaybook;
  lifecycle: LifecyclePlaybook;
  engagement: EngagementLevels;
}

type RuleCheck = (inputs: AlertInputs, rule: AlertRule, ctx: RuleContext) => Hit[];

// Tier and score comparisons read scored days only: a day without enough data is no tier.
function tierDropped(inputs: AlertInputs, rule: AlertRule): Hit[] {
  const now = inputs.snapshot;
  if (!isScored(now)) return [];
  const from = addDays(inputs.day, -(rule.params.lookback_days ?? 30));
  const window = inputs.history.filter(isScored).filter((s) => s.as_of >= from && s.as_of < inputs.day);
  const best = window.reduce<(typeof window)[number] | null>(
    (b, s) => (b === null || worseTier(b.tier, s.tier) ? s : b),
    null,
  );
  if (!best || !worseTier(now.tier, best.tier)) return [];
  return [
    {
      reason_key: now.tier,
      reason: `Health dropped from ${best.tier} (${best.score}, ${best.as_of}) to ${now.tier} (${now.score}).`,
      evidence: [
        ev('health tier', `${best.tier} ${best.score}`, best.as_of),
        ev('health tier', `${now.tier} ${now.score}`, now.as_of),
      ],
      inputs_key: `${best.tier}>${now.tier}`,
      since: now.as_of,
    },
  ];
}

function scoreDrop(inputs: AlertInputs, rule: AlertRule): Hit[] {
  const now = inputs.snapshot;
  if (!isScored(now)) return [];
  const days = rule.params.days ?? 7;
  const base = inputs.history
    .filter(isScored)
    .reverse()
    .find((s) => s.as_of <= addDays(inputs.day, -days));
  // The base must be recent: a snapshot months old says nothing about "in 7 days".
  if (!base || base.as_of < addDays(inputs.day, -2 * days)) return [];
  const fall = base.score - now.score;
  if (fall < (rule.params.points ?? 15)) return [];
  return [
    {
      reason_key: '',
      reason: `Score fell ${fall} points in ${daysBetween(base.as_of, now.as_of)} days: ${base.score} on ${base.as_of}, ${now.score} now.`,
      evidence: [
        ev('health score', String(base.score), base.as_of),
        ev('health score', String(now.score), now.as_of),
      ],
      inputs_key: `${base.score}>${Math.floor(now.score / 5) * 5}`,
      since: now.as_of,
    },
  ];
}

function fromIndicator(inputs: AlertInputs, rule: AlertRule): Hit[] {
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
}

function renewalStep(inputs: AlertInputs, rule: AlertRule, { renewal }: RuleContext): Hit[] {
  if (!hasTermRenewal(inputs.risk, Boolean(rule.params.monthly_terms))) return [];
  const renewalDate = inputs.risk.renewalDate;
  const days = daysBetween(inputs.day, renewalDate);
  const offsets = renewal.steps.map((s) => -s.offset_days).sort((a, b) => a - b);
  const step = offsets.find((o) => days >= 0 && days <= o);
  if (step === undefined) return [];
  const action = renewal.steps.find((s) => -s.offset_days === step)?.action ?? '';
  const fired = inputs.indicators.filter((i) => i.fired);
  const snap = inputs.snapshot;
  const picture = [
    snap === null
      ? 'no health snapshot'
      : snap.score === null
        ? 'health unscored (not enough data)'
        : `health ${snap.tier} (${snap.score})`,
    fired.length > 0
      ? `${fired.length} risk signal${fired.length > 1 ? 's' : ''}: ${fired.map((i) => i.label.toLowerCase()).join(', ')}`
      : 'no risk signals',
  ];
  return [
    {
      reason_key: `${renewalDate}:-${step}`,
      severity:
        atRisk(inputs) || fired.length > 0 ? (rule.severity_when_at_risk ?? rule.severity) : rule.severity,
      reason: `Renewal on ${renewalDate} (in ${days} days): the −${step}-day step is due — ${action}. Risk picture: ${picture.join('; ')}.`,
      evidence: [
        ev('renewal date', renewalDate, inputs.day),
        ...(snap
          ? [ev('health', snap.score === null ? snap.tier : `${snap.tier} ${snap.score}`, snap.as_of)]
          : []),
        ...fired.map((i) => ev(i.label, i.evidence.join('; '), i.since)),
      ],
      inputs_key: `${renewalDate}:-${step}:${snap?.tier ?? 'none'}:${fired.map((i) => i.id).join(',')}`,
      since: addDays(renewalDate, -step),
    },
  ];
}

function renewalDatePassed(inputs: AlertInputs): Hit[] {
  if (!hasTermRenewal(inputs.risk) || inputs.risk.renewalDate >= inputs.day) return [];
  const renewalDate = inputs.risk.renewalDate;
  return [
    {
      reason_key: renewalDate,
      reason: `The renewal date ${renewalDate} passed ${daysBetween(renewalDate, inputs.day)} days ago with no new term recorded: record the renewal, or work the account as out of contract.`,
      evidence: [ev('renewal date', renewalDate, renewalDate)],
      inputs_key: renewalDate,
      since: addDays(renewalDate, 1),
    },
  ];
}

function npsDetractor(inputs: AlertInputs, rule: AlertRule): Hit[] {
  const from = addDays(inputs.day, -((rule.params.window_days ?? 14) - 1));
  const touched = inputs.risk.lastProactiveTouch;
  return inputs.risk.feedback90d
    .filter(
      (f) =>
        f.source === 'nps' &&
        f.score !== null &&
        f.score <= (rule.params.max_score ?? 6) &&
        day(f.created_at) >= from &&
        day(f.created_at) <= inputs.day &&
        // Outreach logged after the response clears it.
        !(touched !== null && touched > f.created_at),
    )
    .map((f) => ({
      reason_key: f.feedback_id,
      reason: `NPS ${f.score} on ${day(f.created_at)}: a detractor. Reach out personally within 24 hours, find the root cause, agree a recovery plan.`,
      evidence: [ev('NPS response', `${f.score}: "${excerpt(f.text, 140)}"`, day(f.created_at))],
      inputs_key: f.feedback_id,
      since: day(f.created_at),
    }));
}

function lowFeatureAdoption(inputs: AlertInputs, rule: AlertRule): Hit[] {
  const latest = [...inputs.risk.usage]
    .reverse()
    .find((u) => (u.features_total ?? 0) > 0 && u.features_used !== null);
  if (!latest) return [];
  const share = (latest.features_used as number) / (latest.features_total as number);
  if (share >= (rule.params.share_below ?? 0.5)) return [];
  return [
    {
      reason_key: '',
      reason: `${latest.features_used} of ${latest.features_total} features in use (${Math.round(share * 100)}%): start the adoption-nudge sequence.`,
      evidence: [ev('features used', `${latest.features_used} of ${latest.features_total}`, latest.date)],
      inputs_key: `${Math.floor(share * 10)}`,
      since: latest.date,
    },
  ];
}

function touchCadence(inputs: AlertInputs, rule: AlertRule, { lifecycle }: RuleContext): Hit[] {
  const arrCents = inputs.account.arrCents ?? 0;
  const tier = csTier(arrCents, lifecycle);
  if (tier.sync_every_days === null) return [];
  const allowed = tier.sync_every_days + (rule.params.grace_days ?? 0);
  const last = inputs.risk.lastProactiveTouch ? day(inputs.risk.lastProactiveTouch) : null;
  const since = last ?? inputs.risk.contractStart;
  if (!since || daysBetween(since, inputs.day) <= allowed) return [];
  return [
    {
      reason_key: '',
      reason: last
        ? `Last touchpoint ${daysBetween(last, inputs.day)} days ago (${last}); the ${tier.name} cadence is a sync every ${tier.sync_every_days} days.`
        : `No touchpoint on record since the contract started (${since}); the ${tier.name} cadence is a sync every ${tier.sync_every_days} days.`,
      evidence: [
        ev('last touchpoint', last ?? 'none', last),
        ev('ARR', `$${Math.round(arrCents / 100).toLocaleString('en-US')}`, inputs.day),
      ],
      inputs_key: `${tier.name}:${last ?? 'none'}`,
      since: addDays(since, allowed + 1),
    },
  ];
}

function ghostAccount(inputs: AlertInputs, rule: AlertRule): Hit[] {
  const quiet = rule.params.quiet_days ?? 30;
  const rows = inputs.risk.usage;
  // No usage rows at all says the data is missing, not that the customer is gone.
  if (rows.length === 0) return [];
  const active = rows.filter((u) => (u.dau ?? 0) > 0 || (u.core_actions ?? 0) > 0 || (u.wau ?? 0) > 0);
  const last = active.at(-1)?.date ?? null;
  if (last !== null && daysBetween(last, inputs.day) < quiet) return [];
  if (last === null && rows[0] && daysBetween(rows[0].date, inputs.day) < quiet) return [];
  return [
    {
      reason_key: '',
      reason: last
        ? `No product activity for ${daysBetween(last, inputs.day)} days (last on ${last}): win-back or churn prep.`
        : `No product activity in any usage row since ${rows[0]?.date}: win-back or churn prep.`,
      evidence: [ev('last active day', last ?? 'none', last ?? rows[0]?.date ?? null)],
      inputs_key: last ?? 'none',
      since: last ? addDays(last, quiet) : inputs.day,
    },
  ];
}

/** Levels from most to least engaged: power user … dormant, then ghost. */
const levelRank = (level: string, config: EngagementLevels) => {
  const order = [...config.levels.map((l) => l.level), config.ghost.level];
  return order.indexOf(level as (typeof order)[number]);
};

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)} %`);

/** Whether a window misses one of the level's minimums by more than `margin` (else a near miss). */
const clearlyBelow = (l: EngagementLevel, level: EngagementLevels['levels'][number], margin: number) =>
  (l.dau_mau ?? 0) < level.min_dau_mau - margin ||
  (l.feature_breadth ?? 0) < level.min_feature_breadth - margin;

const figures = (l: EngagementLevel) => `DAU/MAU ${pct(l.dau_mau)}, features ${pct(l.feature_breadth)}`;

/**
 * A level or more down between two windows. Hysteresis: the new window must miss the old level's
 * minimum by more than `margin`, so an account hovering at a boundary (30 % → 29 %) is not news.
 */
function engagementDropped(inputs: AlertInputs, rule: AlertRule, { engagement }: RuleContext): Hit[] {
  const { now, before } = inputs.engagement;
  // A ghost is the ghost-account rule's; without both levels there is nothing to compare.
  if (!now || !before || now.level === engagement.ghost.level || before.level === engagement.ghost.level)
    return [];
  const fell = levelRank(now.level, engagement) - levelRank(before.level, engagement);
  if (fell < (rule.params.levels ?? 1)) return [];
  const was = engagement.levels.find((l) => l.level === before.level);
  if (!was || !clearlyBelow(now, was, rule.params.margin ?? 0)) return [];
  return [
    {
      reason_key: '',
      reason: `Engagement fell from ${before.label} to ${now.label} (DAU/MAU ${pct(before.dau_mau)} → ${pct(now.dau_mau)}, features ${pct(before.feature_breadth)} → ${pct(now.feature_breadth)}): renewal odds ${before.renewal_odds} → ${now.renewal_odds}. Next: ${now.action}.`,
      evidence: [
        ev(`engagement ${before.from} to ${before.to}`, `${before.label}, ${figures(before)}`, before.to),
        ev(`engagement ${now.from} to ${now.to}`, `${now.label}, ${figures(now)}`, now.to),
      ],
      inputs_key: `${before.level}>${now.level}`,
      since: now.to,
    },
  ];
}

function paymentIssue(inputs: AlertInputs, rule: AlertRule): Hit[] {
  const from = addDays(inputs.day, -((rule.params.payment_failed_window_days ?? 30) - 1));
  const failed = inputs.risk.events.filter((e) => e.type === 'payment_failed' && day(e.at) >= from);
  const overdueBy = addDays(inputs.day, -(rule.params.overdue_grace_days ?? 7));
  const overdue = inputs.risk.invoices.filter(
    (i) =>
      i.due_at <= overdueBy && (i.paid_at === null || day(i.paid_at) > inputs.day) && i.status !== 'void',
  );
  if (failed.length === 0 && overdue.length === 0) return [];
  const evidence = [
    ...failed.map((e) => ev('payment failed', e.details ?? 'payment failed', day(e.at))),
    ...overdue.map((i) => ev('invoice overdue', `due ${day(i.due_at)}, unpaid`, day(i.due_at))),
  ];
  const parts = [
    failed.length > 0 ? `${failed.length} failed payment${failed.length > 1 ? 's' : ''} since ${from}` : null,
    overdue.length > 0 ? `${overdue.length} invoice${overdue.length > 1 ? 's' : ''} unpaid past due` : null,
  ].filter(Boolean);
  const dates = evidence.map((e) => e.as_of ?? '').sort();
  return [
    {
      reason_key: '',
      reason: `${parts.join(' and ')}: check the billing contact before it becomes involuntary churn.`,
      evidence,
      inputs_key: dates.join(','),
      since: dates[0] ?? inputs.day,
    },
  ];
}

const CHECKS: Record<AlertRuleId, RuleCheck> = {
  tier_dropped: tierDropped,
  score_drop: scoreDrop,
  usage_decline: fromIndicator,
  champion_left: fromIndicator,
  ticket_spike_then_silence: fromIndicator,
  billing_page_visits: fromIndicator,
  competitor_evaluation: fromIndicator,
  data_export: fromIndicator,
  non_renewal_signals: fromIndicator,
  seat_removal: fromIndicator,
  renewal_step: renewalStep,
  renewal_date_passed: renewalDatePassed,
  onboarding_no_login: fromIndicator,
  onboarding_kickoff_delayed: fromIndicator,
  onboarding_low_activation: fromIndicator,
  onboarding_integration_failed: fromIndicator,
  onboarding_no_exec_sponsor: fromIndicator,
  nps_detractor: npsDetractor,
  low_feature_adoption: lowFeatureAdoption,
  touch_cadence_overdue: touchCadence,
  ghost_account: ghostAccount,
  engagement_dropped: engagementDropped,
  payment_issue: paymentIssue,
};

/** Whether a rule applies to the account's stage: onboarding rules in the window, mature ones after. */
const appliesTo = (rule: AlertRule, onboarding: boolean) =>
  rule.applies_to === 'any' || (rule.applies_to === 'onboarding') === onboarding;

/** Which inhibition mutes a rule for this account, if any (Alertmanager-style): its reason. */
export function inhibitedBy(inputs: AlertInputs, rules: AlertRules, rule: AlertRuleId): string | null {
  for (const i of rules.inhibitions)
    if (i.when === 'save_play_open' && inputs.savePlayOpen && i.mutes.includes(rule)) return i.why;
  return null;
}

/**
 * Every alert rule that holds for one account on one day, after the stage filter and the
 * inhibitions. Pure: the same inputs give the same conditions, so a replay equals the live run.
 */
export function alertConditions(
  inputs: AlertInputs,
  rules: AlertRules,
  renewal: RenewalPlaybook,
  lifecycle: LifecyclePlaybook = lifecyclePlaybook(),
  engagement: EngagementLevels = engagementLevels(),
): { conditions: AlertCondition[]; muted: number } {
  const conditions: AlertCondition[] = [];
  let muted = 0;
  for (const [id, rule] of Object.entries(rules.rules) as [AlertRuleId, AlertRule][]) {
    if (!rule.enabled || !appliesTo(rule, inputs.onboarding)) continue;
    const hits = CHECKS[id](inputs, rule, { renewal, lifecycle, engagement });
    if (hits.length === 0) continue;
    if (inhibitedBy(inputs, rules, id)) {
      muted += hits.length;
      continue;
    }
    for (const { severity, ...hit } of hits)
      conditions.push({
        account_id: inputs.account.id,
        rule: id,
        severity: severity ?? rule.severity,
        ...hit,
      });
  }
  return { conditions, muted };
}
