import { z } from 'zod';
import { addDays } from '../../../core/calendar.ts';
import { responseSlaHours as slaFor } from '../../../knowledge/customer-signals.ts';
import type { RiskSignal } from '../../risk/account-risk-data.ts';
import { messageLink } from '../../signals/message-side.ts';
import { type AlertRuleDeclaration, day, defineAlertRule, ev, type Hit } from '../alert-rule.ts';
import type { AlertInputs } from '../alert-types.ts';

/** The account's signals of one kind from the last `days` days up to the alert's day, oldest first. */
function saidLately(inputs: AlertInputs, kind: string, days: number): RiskSignal[] {
  const from = addDays(inputs.day, -(days - 1));
  return inputs.risk.signals.filter((s) => s.kind === kind && day(s.at) >= from && day(s.at) <= inputs.day);
}

const whoSaid = (s: RiskSignal): string =>
  s.side === 'team' ? 'our note of what they said' : 'the customer';

/**
 * One alert per account while customers say it: the newest quote in the reason, each text in the
 * evidence, the texts as its inputs (a new text updates the alert, it does not raise another).
 */
function saidHit(said: readonly RiskSignal[], headline: string, ask: string): Hit[] {
  const newest = said.at(-1);
  if (!newest) return [];
  const others = said.length > 1 ? ` (${said.length} texts since ${day(said[0]?.at ?? newest.at)})` : '';
  return [
    {
      reason_key: '',
      reason: `${headline}: "${newest.quote}" (${whoSaid(newest)}, ${day(newest.at)}${newest.link ? `, ${newest.link}` : ''})${others}. ${ask}`,
      evidence: [...said]
        .reverse()
        .map((s) =>
          ev(`${whoSaid(s)}, ${s.source}`, `"${s.quote}"${s.link ? ` (${s.link})` : ''}`, day(s.at)),
        ),
      inputs_key: said.map((s) => `${s.source}:${s.source_id}`).join('|'),
      since: day(said[0]?.at ?? newest.at),
    },
  ];
}

const Lookback = z.object({ lookback_days: z.number().int().positive().default(30) }).strict();

/** A rule that raises what customers said of one kind in the last `lookback_days`, in its words. */
const saidRule = (id: string, kind: string, headline: string, ask: string) =>
  defineAlertRule({
    id,
    needs: [],
    params: Lookback,
    check: (inputs, params) => saidHit(saidLately(inputs, kind, params.lookback_days), headline, ask),
  });

/** Whole hours from one instant to another. */
const hoursBetween = (from: string, to: string): number =>
  Math.floor((Date.parse(to) - Date.parse(from)) / 3_600_000);

/**
 * A customer's question or escalation in a linked channel that our team has not answered within
 * the account's response SLA (hours by segment, knowledge/signals/signals.json); it resolves when
 * someone from our team replies (in the thread, or in the channel after a top-level message).
 */
const customerUnanswered = defineAlertRule({
  id: 'customer_unanswered',
  needs: ['unanswered'],
  params: z.object({}).strict(),
  check(inputs, _params, _rule, { responseSlaHours }) {
    const sla = slaFor(responseSlaHours, inputs.risk.segment);
    const late = inputs.unanswered.filter((q) => hoursBetween(q.at, inputs.at) >= sla);
    const oldest = late[0];
    if (!oldest) return [];
    const waited = hoursBetween(oldest.at, inputs.at);
    return [
      {
        reason_key: '',
        reason: `${late.length} customer ${late.length > 1 ? 'questions' : 'question'} in their channel unanswered past the ${sla}-hour response SLA (the oldest waiting ${waited} hours): "${oldest.quote}". Reply in the thread; the alert clears when our team has answered.`,
        evidence: late.map((q) =>
          ev(
            `unanswered ${q.kind}, ${hoursBetween(q.at, inputs.at)} h`,
            `"${q.quote}" (${messageLink(q.channel_id, q.ts)})`,
            day(q.at),
          ),
        ),
        inputs_key: late.map((q) => `${q.channel_id}:${q.ts}`).join('|'),
        since: day(oldest.at),
      },
    ];
  },
});

export const VOICE_RULES: readonly AlertRuleDeclaration[] = [
  customerUnanswered as AlertRuleDeclaration,
  // A customer said they may cancel or not renew (churn intent in their words or our call notes).
  saidRule(
    'customer_churn_intent',
    'churn_intent',
    'The customer said they may not renew',
    'Call them within 24 hours to hear the reason in their words; churn risk shows the save play.',
  ),
  saidRule(
    'customer_champion_leaving',
    'champion_leaving',
    'The customer said their champion is leaving',
    'Meet the successor before the handover; ask the champion for an introduction.',
  ),
] as AlertRuleDeclaration[];
