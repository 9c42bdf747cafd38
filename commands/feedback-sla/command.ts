import { z } from 'zod';
import { endOfDay } from '../../core/calendar.ts';
import { feedbackUpTo, OPEN_STATUSES } from '../../facts/feedback.ts';
import { excerpt } from '../../tools/text/excerpt.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderFeedbackSla } from './render.ts';

export const FeedbackSlaArgs = z.object({ as_of: AsOfArg }).strict();

const Item = z.object({
  feedback_id: z.string(),
  account: z.string(),
  theme: z.string().nullable(),
  status: z.string(),
  sla_due_at: z.string().nullable(),
  hours_left: z.number().nullable(),
  breached: z.boolean(),
  text: z.string(),
});

export const FeedbackSlaData = z.object({
  as_of: z.string(),
  open_items: z.number().int(),
  breached: z.number().int(),
  dead_letters: z.number().int(),
  owners: z.array(
    z.object({ owner: z.string(), open: z.number().int(), breached: z.number().int(), items: z.array(Item) }),
  ),
});
export type FeedbackSlaData = z.infer<typeof FeedbackSlaData>;

const ITEMS_PER_OWNER = 5;

export const feedbackSla = defineCommand({
  intent: 'feedback_sla',
  title: 'Feedback SLA',
  summary:
    'Open feedback by owner with its SLA: breached first, then the soonest due; items that failed processing',
  examples: ['feedback sla', 'which feedback is overdue?', 'feedback SLA breaches'],
  triggers: {
    kind: 'book',
    exact: [/^(?:feedback sla|feedback slas|sla|slas|sla breaches|feedback sla breaches)$/],
    patterns: strong(
      /\bfeedback\b.{0,24}\bslas?\b/,
      /\bslas? (?:breach\w*|status|report|overview)\b/,
      /\b(?:overdue|breached|late) feedback\b/,
      /\bfeedback\b.{0,30}\b(?:overdue|breach\w*)\b/,
    ),
  },
  render: renderFeedbackSla,
  account: 'none',
  access: { area: 'feedback_queue', write: false, target: 'portfolio' },
  args: FeedbackSlaArgs,
  result: FeedbackSlaData,
  async run(ctx, args) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    // Today: the SLA clocks run to this moment; a past as-of day: to its end.
    const now = Date.parse(args.as_of === undefined ? ctx.now : endOfDay(asOf));
    const rows = await feedbackUpTo(ctx, asOf);
    // Duplicates ride on their canonical item's SLA: one request, one clock.
    const open = rows.filter((r) => OPEN_STATUSES.has(r.status) && r.canonical_id === null);
    const byOwner = new Map<string, z.infer<typeof Item>[]>();
    for (const r of open) {
      const due = r.sla_due_at ? Date.parse(r.sla_due_at) : null;
      const item = {
        feedback_id: r.feedback_id,
        account: r.account_name,
        theme: r.theme,
        status: r.status,
        sla_due_at: r.sla_due_at ? new Date(r.sla_due_at).toISOString() : null,
        hours_left: due === null ? null : Math.round((due - now) / 360_000) / 10,
        breached: due !== null && due < now,
        text: excerpt(r.text, 100),
      };
      const owner = r.reassigned_to ?? r.owner ?? 'unassigned';
      byOwner.set(owner, [...(byOwner.get(owner) ?? []), item]);
    }
    const owners = [...byOwner.entries()]
      .map(([owner, items]) => {
        const sorted = items.sort(
          (a, b) => (a.hours_left ?? Number.POSITIVE_INFINITY) - (b.hours_left ?? Number.POSITIVE_INFINITY),
        );
        return {
          owner,
          open: items.length,
          breached: items.filter((i) => i.breached).length,
          items: sorted.slice(0, ITEMS_PER_OWNER),
        };
      })
      .sort((a, b) => b.breached - a.breached || b.open - a.open || a.owner.localeCompare(b.owner));
    const data: FeedbackSlaData = {
      as_of: asOf,
      open_items: open.length,
      breached: owners.reduce((n, o) => n + o.breached, 0),
      dead_letters: rows.filter((r) => r.status === 'dead').length,
      owners,
    };
    return {
      data,
      asOf,
      definitions: {
        sla: 'due time = received time + the segment’s SLA hours (knowledge/feedback/loop.json: enterprise 4 h, mid-market 24 h, SMB and self-serve 72 h); breached = due before now (or before the end of the as-of day when one is given) and not resolved',
      },
    };
  },
});
