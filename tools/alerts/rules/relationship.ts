import { z } from 'zod';
import { addDays, daysBetween } from '../../../core/calendar.ts';
import { npsCategory } from '../../feedback/nps.ts';
import { csTier } from '../../plans/lifecycle-stage.ts';
import { excerpt } from '../../text/excerpt.ts';
import { day, defineAlertRule, dollars, ev } from '../alert-rule.ts';

/** An NPS response in the detractor band (tools/feedback/nps), with no outreach logged after it. */
export const npsDetractor = defineAlertRule({
  id: 'nps_detractor',
  needs: [],
  params: z.object({ window_days: z.number().int().positive().default(14) }).strict(),
  check(inputs, params, _rule, { nps }) {
    const from = addDays(inputs.day, -(params.window_days - 1));
    const touched = inputs.risk.lastProactiveTouch;
    return inputs.risk.feedback90d
      .filter(
        (f) =>
          f.source === 'nps' &&
          npsCategory(f.score, nps) === 'detractor' &&
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
  },
});

/** No touchpoint within the account's CS tier cadence (its ARR's tier, knowledge/plans/lifecycle.json) plus grace. */
export const touchCadence = defineAlertRule({
  id: 'touch_cadence_overdue',
  needs: [],
  params: z.object({ grace_days: z.number().int().min(0).default(0) }).strict(),
  check(inputs, params, _rule, { lifecycle }) {
    const arrCents = inputs.account.arrCents ?? 0;
    const tier = csTier(arrCents, lifecycle);
    if (tier.sync_every_days === null) return [];
    const allowed = tier.sync_every_days + params.grace_days;
    const last = inputs.risk.lastProactiveTouch ? day(inputs.risk.lastProactiveTouch) : null;
    const since = last ?? inputs.risk.contractStart;
    if (!since || daysBetween(since, inputs.day) <= allowed) return [];
    return [
      {
        reason_key: '',
        reason: last
          ? `Last touchpoint ${daysBetween(last, inputs.day)} days ago (${last}); the ${tier.name} cadence is a sync every ${tier.sync_every_days} days.`
          : `No touchpoint on record since the contract started (${since}); the ${tier.name} cadence is a sync every ${tier.sync_every_days} days.`,
        evidence: [ev('last touchpoint', last ?? 'none', last), ev('ARR', dollars(arrCents), inputs.day)],
        inputs_key: `${tier.name}:${last ?? 'none'}`,
        since: addDays(since, allowed + 1),
      },
    ];
  },
});

export const RELATIONSHIP_RULES = [npsDetractor, touchCadence];
