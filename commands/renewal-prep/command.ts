import { z } from 'zod';
import { addDays, daysBetween, endOfDay } from '../../core/calendar.ts';
import { centsToAmount, formatMoney } from '../../core/money.ts';
import { getAccount } from '../../facts/accounts.ts';
import { goalsForAccount } from '../../facts/goals.ts';
import { type AccountRisk, accountRisk } from '../../facts/risk.ts';
import { whatTheyToldUs } from '../../facts/signals.ts';
import { accountTeam, assignee } from '../../facts/team.ts';
import { openTicketsOn, severeOf } from '../../facts/tickets.ts';
import { touchpointsForAccount } from '../../facts/touchpoints.ts';
import { expansionConfig } from '../../knowledge/expansion-config.ts';
import { type RenewalPlaybook, renewalPlaybook } from '../../knowledge/renewal-playbook.ts';
import { expansionSignals } from '../../tools/expansion/expansion-signals.ts';
import { goalRecapLine } from '../../tools/plans/goal-scorecard.ts';
import { renewalTimeline } from '../../tools/plans/renewal-timeline.ts';
import { presentContacts } from '../../tools/relationship/contact-present.ts';
import { hasTermRenewal, isMonthlyTerm } from '../../tools/renewal/term-renewal.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong } from '../parse/vocabulary.ts';
import { accountPlanFocus, PlanFocusData, planFocusDefinition } from '../plan-focus.ts';
import { defineCommand } from '../registry-types.ts';
import { signalRow, ToldUs } from '../signal-rows.ts';
import { renderRenewalPrep } from './render.ts';

export const RenewalPrepArgs = z.object({ as_of: AsOfArg }).strict();

export const RenewalPrepData = z.object({
  /** The newest signals in the customer's words (90 days), with their quotes. */
  told_us: ToldUs,
  /** The lifecycle stage and segment strategy this plan follows, and any CS-tier move. */
  playbook: PlanFocusData,
  as_of: z.string(),
  renewal_date: z.string().nullable(),
  contract_term: z.string().nullable(),
  days_to_renewal: z.number().int().nullable(),
  /** False when there is nothing to prepare: no renewal date, or a monthly contract. */
  applicable: z.boolean(),
  message: z.string().nullable(),
  arr: z.number(),
  timeline: z.array(
    z.object({
      offset_days: z.number().int(),
      date: z.string(),
      action: z.string(),
      owner: z.string(),
      status: z.enum(['done', 'due', 'overdue', 'upcoming']),
      evidence: z.string().nullable(),
    }),
  ),
  risk: z.object({
    health_score: z.number().nullable(),
    tier: z.string(),
    churn_risk: z.string(),
    leading_indicators: z.array(z.object({ label: z.string(), evidence: z.array(z.string()) })),
    open_p1_p2_tickets: z.array(
      z.object({
        ticket_id: z.string(),
        severity: z.string(),
        subject: z.string().nullable(),
        opened_at: z.string(),
      }),
    ),
    champion: z.enum(['in place', 'left', 'none']),
  }),
  value_recap: z.object({
    goals_achieved: z.number().int(),
    goals_total: z.number().int(),
    achieved: z.array(z.string()),
    summary: z.string(),
    usage: z.string(),
    roi: z.string(),
  }),
  talk_track: z.string(),
  options: z.array(z.object({ kind: z.enum(['multi_year', 'expansion']), detail: z.string() })),
});
export type RenewalPrepData = z.infer<typeof RenewalPrepData>;

/** Whether the champion is in place, has left, or there never was one. */
function championStatus(
  contacts: AccountRisk['data']['contacts'],
  asOf: string,
): 'in place' | 'left' | 'none' {
  if (presentContacts(contacts, asOf).some((c) => c.role === 'champion')) return 'in place';
  return contacts.some((c) => c.role === 'champion') ? 'left' : 'none';
}

/** The renewal options the playbook offers a healthy account: a multi-year term, an expansion bundle. */
function renewalOptions(
  { data, health, arrCents }: AccountRisk,
  applicable: boolean,
  playbook: RenewalPlaybook,
): RenewalPrepData['options'] {
  const options: RenewalPrepData['options'] = [];
  if (applicable && health.score !== null && health.score >= playbook.options.multi_year_min_score) {
    options.push({
      kind: 'multi_year',
      detail: `offer a multi-year term at ${playbook.options.multi_year_discount_percent}% off: ${formatMoney(Math.round(arrCents * (1 - playbook.options.multi_year_discount_percent / 100)))} a year instead of ${formatMoney(arrCents)}`,
    });
  }
  const signals = expansionSignals(data, health.score, expansionConfig()).filter(
    (s) => s.present && s.id !== 'high_health_near_renewal',
  );
  if (
    applicable &&
    health.score !== null &&
    health.score >= playbook.options.expansion_min_score &&
    signals.length > 0
  ) {
    options.push({
      kind: 'expansion',
      detail: `bundle expansion: ${signals.map((s) => `${s.label.toLowerCase()} (${s.evidence[0]})`).join('; ')}`,
    });
  }
  return options;
}

/** Why there is no renewal to prepare: a monthly contract, or no renewal date; null when there is one. */
function noRenewalMessage(term: string | null, renewal: string | null): string | null {
  if (isMonthlyTerm(term))
    return 'This is a monthly contract that renews itself each month; there is no renewal event to prepare. Watch churn risk instead.';
  return renewal === null
    ? 'This account has no renewal date: import it with the accounts (renewal_date) to plan the renewal.'
    : null;
}

export const renewalPrep = defineCommand({
  intent: 'renewal_prep',
  title: 'Renewal prep',
  summary:
    'The renewal sequence dated from the renewal date with what is done, due and overdue; risk, value recap, talk track and options',
  examples: ['renewal prep for Hooli', 'prepare the Acme renewal', 'when does Globex renew?'],
  triggers: {
    kind: 'account',
    patterns: strong(
      /\brenewal (?:prep|plan|preparation|strategy|checklist|playbook|timeline|status|call|meeting)\b/,
      /\b(?:prep|prepare|preparing|ready)\b.{0,40}\brenewal\b/,
      /\brenewal\b/,
      // "Will they renew or walk?" asks whether they will churn: churn risk answers it.
      /\brenew(?:s|ing|ed)?\b(?! or (?:walk|leave|churn|cancel))/,
      /\bcontract (?:end|ends|ending|expires|expiry)\b/,
    ),
  },
  render: renderRenewalPrep,
  account: 'required',
  access: { area: 'account_health', write: false, target: 'account' },
  args: RenewalPrepArgs,
  result: RenewalPrepData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const playbook = renewalPlaybook();
    const id = account.id;
    const [facts, row, team, goals, tickets, touches, focus, told] = await Promise.all([
      accountRisk(ctx.db, id, asOf),
      getAccount(ctx.db, id),
      accountTeam(ctx.db, id),
      goalsForAccount(ctx.db, id),
      openTicketsOn(ctx.db, id, asOf),
      touchpointsForAccount(ctx.db, id, { from: addDays(asOf, -200), to: endOfDay(asOf) }),
      accountPlanFocus(ctx, id, asOf, 'renewal_prep'),
      whatTheyToldUs(ctx.db, id, asOf),
    ]);
    const { data, health, indicators, risk, arrCents } = facts;
    const owners = {
      csm: row?.csm ?? 'the account’s CSM',
      leader: assignee(team.leader, 'CS leadership'),
    };
    const renewal = row?.renewal_date ?? null;
    const term = row?.contract_term ?? null;
    const applicable = hasTermRenewal({ contractTerm: term, renewalDate: renewal });
    const message = noRenewalMessage(term, renewal);
    const champion = championStatus(data.contacts, asOf);
    const achieved = goals.filter((g) => g.status === 'achieved');
    const usageInput = health.dimensions.product_usage.inputs.find((i) => i.name === 'core_action_trend');
    const options = renewalOptions(facts, applicable, playbook);
    const result: RenewalPrepData = {
      told_us: told.map(signalRow),
      playbook: focus,
      as_of: asOf,
      renewal_date: renewal,
      contract_term: term,
      days_to_renewal: renewal ? daysBetween(asOf, renewal) : null,
      applicable,
      message,
      arr: centsToAmount(arrCents),
      timeline: applicable && renewal ? renewalTimeline(renewal, asOf, touches, owners, playbook) : [],
      risk: {
        health_score: health.score,
        tier: health.tier,
        churn_risk: risk.level,
        leading_indicators: indicators
          .filter((i) => i.fired)
          .map((i) => ({ label: i.label, evidence: i.evidence })),
        open_p1_p2_tickets: severeOf(tickets).map((t) => ({
          ticket_id: t.ticket_id,
          severity: t.severity as string,
          subject: t.subject,
          opened_at: t.opened_at,
        })),
        champion,
      },
      value_recap: {
        goals_achieved: achieved.length,
        goals_total: goals.length,
        achieved: achieved.map((g) => g.objective),
        summary: goalRecapLine(
          achieved.map((g) => g.objective),
          goals.length,
        ),
        usage: usageInput?.detail ?? 'no usage trend available',
        roi: 'ROI is not recorded in the data yet; bring the customer’s own numbers',
      },
      talk_track: playbook.talk_tracks[health.tier],
      options,
    };
    return {
      data: result,
      asOf,
      definitions: {
        playbook: planFocusDefinition(),
        timeline:
          'steps dated back from the renewal date; done = a touchpoint of the step’s kind within 10 days before its date or later',
      },
    };
  },
});
