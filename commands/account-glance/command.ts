import { z } from 'zod';
import { addDays, endOfDay } from '../../core/calendar.ts';
import { whatTheyToldUs } from '../../facts/signals.ts';
import { touchpointsForAccount } from '../../facts/touchpoints.ts';
import { type AlertRuleId, alertRules } from '../../knowledge/alert-rules.ts';
import { liveAlerts } from '../../records/alerts.ts';
import { compose } from '../compose.ts';
import type { CommandContext } from '../context.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderAccountGlance } from './render.ts';

export const AccountGlanceData = z.object({
  as_of: z.string(),
  health: z.object({
    score: z.number().int().nullable(),
    tier: z.string(),
    /** Score change since the snapshot a week back; null without one. */
    change_7d: z.number().nullable(),
    tier_7d: z.string().nullable(),
  }),
  churn_risk: z.object({
    level: z.string(),
    probability: z.number().nullable(),
    why_no_probability: z.string().nullable(),
    drivers: z.array(z.string()),
  }),
  arr: z.number(),
  renewal_date: z.string().nullable(),
  days_to_renewal: z.number().int().nullable(),
  open_alerts: z.array(
    z.object({ alert_id: z.string(), rule: z.string(), severity: z.string(), reason: z.string() }),
  ),
  last_touch: z.object({ at: z.string(), kind: z.string(), by: z.string().nullable() }).nullable(),
  /** The latest thing the customer's own people said that carried a signal, in their words. */
  latest_said: z.object({ kind: z.string(), quote: z.string(), at: z.string() }).nullable(),
  /** What the buttons run, each through the router. */
  next: z.array(z.object({ intent: z.string(), label: z.string() })),
});
export type AccountGlanceData = z.infer<typeof AccountGlanceData>;

const NEXT = [
  { intent: 'score', label: 'Health score' },
  { intent: 'churn_risk', label: 'Churn risk' },
  { intent: 'qbr_prep', label: 'QBR prep' },
  { intent: 'renewal_prep', label: 'Renewal prep' },
];

interface Composed {
  health: AccountGlanceData['health'];
  churnRisk: AccountGlanceData['churn_risk'];
  arr: number;
  daysToRenewal: number | null;
  healthDefinition: string;
}

/** The score and churn risk, each through the router (typed here, so the registry's type does not depend on itself). */
async function composed(ctx: CommandContext, accountId: string): Promise<Composed> {
  const [score, risk] = await Promise.all([
    compose(ctx, 'score', { account: accountId }),
    compose(ctx, 'churn_risk', { account: accountId }),
  ]);
  const week = score.data.trend.d7;
  const probability = risk.data.probability;
  return {
    health: {
      score: score.data.score,
      tier: score.data.tier,
      change_7d: week ? week.score_change : null,
      tier_7d: week ? week.tier : null,
    },
    churnRisk: {
      level: risk.data.level,
      probability: probability.shown ? probability.probability : null,
      why_no_probability: probability.shown ? null : probability.reason,
      drivers: risk.data.drivers.slice(0, 3),
    },
    arr: risk.data.arr,
    daysToRenewal: risk.data.days_to_renewal,
    healthDefinition: score.provenance.definitions.score ?? 'the health model (cse run score)',
  };
}

export const accountGlance = defineCommand({
  intent: 'account_glance',
  title: 'Account at a glance',
  summary:
    'One screen on one account: health and tier with the week’s change, churn risk, renewal and ARR, open alerts, the last touch and the latest thing the customer said',
  examples: ['acme', 'tell me about Initech', 'Globex?'],
  triggers: {
    kind: 'account',
    patterns: strong(
      /^xacctx(?: (?:pls|please|plz|account|account summary|summary|overview|at a glance|snapshot|rundown|corp))?$/,
      /^(?:tell me (?:everything )?about|what s (?:up|going on) with|whats (?:up|going on) with|brief me on|catch me up on|what do we know about|anything i should know about|give me the rundown on|(?:quick )?summary of|snapshot of|overview of|rundown on|pull up|look up|lookup) xacctx$/,
      /\bxacctx at a glance\b/,
    ),
  },
  render: renderAccountGlance,
  account: 'required',
  access: { area: 'account_health', write: false, target: 'account' },
  args: z.object({}).strict(),
  result: AccountGlanceData,
  async run(ctx, _args, account) {
    const [parts, alerts, touches, said] = await Promise.all([
      composed(ctx, account.id),
      liveAlerts(ctx.db, [account.id]),
      touchpointsForAccount(ctx.db, account.id, { to: endOfDay(ctx.today) }),
      whatTheyToldUs(ctx.db, account.id, ctx.today, 1),
    ]);
    const last = touches.at(-1) ?? null;
    const data: AccountGlanceData = {
      as_of: ctx.today,
      health: parts.health,
      churn_risk: parts.churnRisk,
      arr: parts.arr,
      renewal_date: parts.daysToRenewal === null ? null : addDays(ctx.today, parts.daysToRenewal),
      days_to_renewal: parts.daysToRenewal,
      open_alerts: alerts.map((a) => ({
        alert_id: a.alert_id,
        rule: alertRules().rules[a.rule as AlertRuleId]?.label ?? a.rule,
        severity: a.severity,
        reason: a.reason,
      })),
      last_touch: last ? { at: new Date(last.at).toISOString(), kind: last.kind, by: last.by } : null,
      latest_said: said[0]
        ? { kind: said[0].kind, quote: said[0].quote, at: new Date(said[0].at).toISOString() }
        : null,
      next: NEXT,
    };
    return {
      data,
      asOf: ctx.today,
      definitions: {
        health: parts.healthDefinition,
        churn_risk: 'the churn-risk indicators and model (cse run churn_risk)',
        open_alerts: 'alerts not resolved',
        latest_said: "the latest signal in the customer's own words (customer signals)",
      },
    };
  },
});
