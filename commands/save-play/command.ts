import { z } from 'zod';
import { getAccount } from '../../facts/accounts.ts';
import { accountRisk } from '../../facts/risk.ts';
import { whatTheyToldUs } from '../../facts/signals.ts';
import { accountTeam, assignee } from '../../facts/team.ts';
import { churnRiskConfig } from '../../knowledge/churn-risk-config.ts';
import { healthModel } from '../../knowledge/health-model.ts';
import { savePlan } from '../../tools/risk/save-plan.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong, weak } from '../parse/vocabulary.ts';
import { accountPlanFocus, PlanFocusData, planFocusDefinition } from '../plan-focus.ts';
import { defineCommand } from '../registry-types.ts';
import { signalRow, ToldUs } from '../signal-rows.ts';
import { renderSavePlay } from './render.ts';

export const SavePlayArgs = z.object({ as_of: AsOfArg }).strict();

export const SavePlayData = z.object({
  /** The newest signals in the customer's words (90 days), with their quotes. */
  told_us: ToldUs,
  /** The lifecycle stage and segment strategy this plan follows, and any CS-tier move. */
  playbook: PlanFocusData,
  as_of: z.string(),
  needed: z.boolean(),
  urgency: z.enum(['same-day escalation', '48-hour plan', 'watch']),
  health: z.object({ score: z.number().nullable(), tier: z.string() }),
  risk_level: z.string(),
  likely_reason: z.object({ category: z.string(), evidence: z.array(z.string()) }).nullable(),
  play: z.object({ title: z.string(), category: z.string() }).nullable(),
  steps: z.array(
    z.object({ due: z.string(), owner: z.string(), action: z.string(), source: z.enum(['tier', 'reason']) }),
  ),
  /** For an account that needs no save play: what would trigger one. */
  triggers: z.array(z.string()),
});
export type SavePlayData = z.infer<typeof SavePlayData>;

export const savePlay = defineCommand({
  intent: 'save_play',
  title: 'Save play',
  summary:
    'The intervention plan for an at-risk or critical account: dated steps with owners, by tier and by likely churn reason',
  examples: ['save play for Globex', 'how do we save Hooli?', 'rescue plan for Acme'],
  triggers: {
    kind: 'account',
    patterns: [
      ...strong(
        /\b(?:intervention|recovery|turnaround|rescue) (?:plan|playbook|play)\b/,
        /\bback on track\b/,
        /\bsave (?:play|plan|playbook|strategy)\b/,
        /\brescu\w*\b/,
        /\bturn ?around\b/,
        /\b(?:keep|retain|stop)\b.{0,40}\b(?:churning|leaving|cancell?ing)\b/,
        /\bretention plan\b/,
        /\bhow (?:do|can|should|could) (?:we|i) (?:save|keep|retain|hold on to)\b/,
      ),
      ...weak(/\bsave\b/),
    ],
  },
  render: renderSavePlay,
  account: 'required',
  access: { area: 'account_health', write: false, target: 'account' },
  args: SavePlayArgs,
  result: SavePlayData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const config = churnRiskConfig();
    const id = account.id;
    const [{ health, risk }, row, team] = await Promise.all([
      accountRisk(ctx.db, id, asOf),
      getAccount(ctx.db, id),
      accountTeam(ctx.db, id),
    ]);
    const owners = {
      csm: row?.csm ?? 'the account’s CSM',
      leader: assignee(team.leader, 'CS leadership'),
    };
    const plan = savePlan(health.tier, risk, owners, asOf, config);
    const triggers = plan.needed
      ? []
      : [
          `health falls below ${healthModel().tiers.healthy} (at-risk)`,
          `churn risk reaches high (${config.levels.high}+ points): e.g. ${config.indicators.champion_left.label.toLowerCase()} (+${config.indicators.champion_left.weight}), ${config.indicators.competitor_evaluation.label.toLowerCase()} (+${config.indicators.competitor_evaluation.weight})`,
        ];
    const [focus, told] = await Promise.all([
      accountPlanFocus(ctx, account.id, asOf, 'save_play'),
      whatTheyToldUs(ctx.db, account.id, asOf),
    ]);
    const data: SavePlayData = {
      told_us: told.map(signalRow),
      playbook: focus,
      as_of: asOf,
      needed: plan.needed,
      urgency: plan.urgency,
      health: { score: health.score, tier: health.tier },
      risk_level: risk.level,
      likely_reason: risk.likelyReason,
      play: risk.savePlay ? { title: risk.savePlay.title, category: risk.savePlay.category } : null,
      steps: plan.steps,
      triggers,
    };
    return {
      data,
      asOf,
      definitions: {
        playbook: planFocusDefinition(),
        save_play:
          'needed for at-risk and critical health or high / critical churn risk; tier steps first (same day for critical, 48 hours for at-risk), then the play for the likely churn reason',
      },
    };
  },
});
