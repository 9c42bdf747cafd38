import { z } from 'zod';
import { endOfDay } from '../../core/calendar.ts';
import { feedbackRowsForAccount } from '../../facts/feedback.ts';
import { excerpt } from '../../tools/text/excerpt.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong, weak } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderAccountFeedback } from './render.ts';

export const AccountFeedbackArgs = z.object({ as_of: AsOfArg }).strict();

export const AccountFeedbackData = z.object({
  as_of: z.string(),
  items: z.array(
    z.object({
      feedback_id: z.string(),
      created_at: z.string(),
      source: z.string(),
      score: z.number().nullable(),
      nps_category: z.string().nullable(),
      text: z.string(),
      theme: z.string().nullable(),
      sentiment: z.string().nullable(),
      status: z.string(),
      owner: z.string().nullable(),
      sla_due_at: z.string().nullable(),
      duplicate_of: z.string().nullable(),
      similarity: z.number().nullable(),
      /** Subject words both shared, when the similarity was below the threshold. */
      merged_on: z.array(z.string()),
    }),
  ),
  by_theme: z.record(z.string(), z.number().int()),
  open: z.number().int(),
});
export type AccountFeedbackData = z.infer<typeof AccountFeedbackData>;

const SHOWN = 20;

export const accountFeedback = defineCommand({
  intent: 'account_feedback',
  title: 'Account feedback',
  summary:
    'What an account has told us: each item with its theme, sentiment, owner, status, SLA and the request it duplicates',
  examples: ['feedback for Acme', 'what has Globex told us?', 'voice of the customer for Initech'],
  triggers: {
    kind: 'account',
    patterns: [
      ...strong(
        /\bfeedback (?:for|from|of|on|about)\b/,
        /\bwhat (?:has|have|did)\b.{1,48}\b(?:told|said to|say to|tell) us\b/,
        /\bvoice of (?:the )?customer\b/,
        /\b(?:nps|csat) (?:comments?|feedback|responses?)\b/,
        /\bcustomer feedback\b/,
      ),
      ...weak(/\bfeedback\b/, /\bcomplain\w*\b/),
    ],
  },
  render: renderAccountFeedback,
  account: 'required',
  access: { area: 'account_feedback', write: false, target: 'account' },
  args: AccountFeedbackArgs,
  result: AccountFeedbackData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const cutoff = Date.parse(endOfDay(asOf));
    const rows = (await feedbackRowsForAccount(ctx.db, account.id)).filter(
      (r) => Date.parse(r.created_at) <= cutoff,
    );
    const byTheme: Record<string, number> = {};
    for (const r of rows) if (r.theme) byTheme[r.theme] = (byTheme[r.theme] ?? 0) + 1;
    const iso = (v: string | null) => (v ? new Date(v).toISOString() : null);
    const data: AccountFeedbackData = {
      as_of: asOf,
      items: rows.slice(0, SHOWN).map((r) => ({
        feedback_id: r.feedback_id,
        created_at: iso(r.created_at) ?? '',
        source: r.source,
        score: r.score,
        nps_category: r.nps_category,
        text: excerpt(r.text, 200),
        theme: r.theme,
        sentiment: r.sentiment,
        status: r.status,
        owner: r.reassigned_to ?? r.owner,
        sla_due_at: iso(r.sla_due_at),
        duplicate_of: r.canonical_id,
        similarity: r.similarity === null ? null : Number(r.similarity),
        merged_on: r.merged_on,
      })),
      by_theme: byTheme,
      open: rows.filter((r) => r.status === 'open' || r.status === 'acknowledged').length,
    };
    return {
      data,
      asOf,
      definitions: {
        items: `the ${SHOWN} most recent items given on or before the as-of date, newest first`,
      },
    };
  },
});
