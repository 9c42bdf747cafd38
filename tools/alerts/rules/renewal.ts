import { z } from 'zod';
import { addDays, daysBetween } from '../../../core/calendar.ts';
import { hasTermRenewal } from '../../renewal/term-renewal.ts';
import { severeLabel } from '../../support/severe-tickets.ts';
import { excerpt } from '../../text/excerpt.ts';
import { atRisk, day, defineAlertRule, ev } from '../alert-rule.ts';

/** The renewal playbook's dated steps (knowledge/plans/renewal.json), raised as each comes due. */
export const renewalStep = defineAlertRule({
  id: 'renewal_step',
  needs: ['snapshots'],
  params: z.object({ monthly_terms: z.number().int().min(0).default(0) }).strict(),
  check(inputs, params, rule, { renewal }) {
    if (!hasTermRenewal(inputs.risk, params.monthly_terms > 0)) return [];
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
  },
});

export const renewalDatePassed = defineAlertRule({
  id: 'renewal_date_passed',
  needs: [],
  params: z.object({}).strict(),
  check(inputs) {
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
  },
});

/**
 * A term renewal within `within_days` while a severe ticket (knowledge/support/tickets.json: P1/P2)
 * has been open for more than `open_days`: the fix, or a dated plan for it, goes into the renewal.
 */
export const renewalSevereTicket = defineAlertRule({
  id: 'renewal_severe_ticket',
  needs: ['severe_tickets'],
  params: z
    .object({
      within_days: z.number().int().positive().default(60),
      open_days: z.number().int().min(0).default(7),
    })
    .strict(),
  check(inputs, params, _rule, { tickets }) {
    if (!hasTermRenewal(inputs.risk)) return [];
    const renewalDate = inputs.risk.renewalDate;
    const days = daysBetween(inputs.day, renewalDate);
    if (days < 0 || days > params.within_days) return [];
    const aged = inputs.severeTickets
      .map((t) => ({ ...t, open: daysBetween(day(t.opened_at), inputs.day) }))
      .filter((t) => t.open > params.open_days)
      .sort((a, b) => b.open - a.open || a.ticket_id.localeCompare(b.ticket_id));
    const oldest = aged[0];
    if (!oldest) return [];
    const label = severeLabel(tickets);
    const windowStart = addDays(renewalDate, -params.within_days);
    const agedSince = addDays(day(oldest.opened_at), params.open_days + 1);
    return [
      {
        reason_key: renewalDate,
        reason: `Renewal on ${renewalDate} (in ${days} days) with ${aged.length} ${label} ticket${aged.length > 1 ? 's' : ''} open more than ${params.open_days} days (oldest ${oldest.open} days): resolve ${aged.length > 1 ? 'them' : 'it'} or bring a dated fix plan to the renewal conversation.`,
        evidence: [
          ev('renewal date', renewalDate, inputs.day),
          ...aged.map((t) =>
            ev(
              `open ${(t.severity ?? '').toUpperCase()} ticket`,
              `${t.ticket_id}${t.subject ? ` "${excerpt(t.subject, 80)}"` : ''}, open ${t.open} days`,
              day(t.opened_at),
            ),
          ),
        ],
        inputs_key: `${renewalDate}:${aged
          .map((t) => t.ticket_id)
          .sort()
          .join(',')}`,
        since: [windowStart, agedSince].sort()[1] ?? windowStart,
      },
    ];
  },
});

export const RENEWAL_RULES = [renewalStep, renewalDatePassed, renewalSevereTicket];
