import { z } from 'zod';
import { addMonths, monthOf } from '../../core/calendar.ts';
import { feedbackUpTo } from '../../facts/feedback.ts';
import { feedbackThemes } from '../../knowledge/feedback-themes.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderFeedbackThemes } from './render.ts';

export const FeedbackThemesArgs = z.object({ as_of: AsOfArg }).strict();

export const FeedbackThemesData = z.object({
  as_of: z.string(),
  month: z.string(),
  previous_month: z.string(),
  items_this_month: z.number().int(),
  themes: z.array(
    z.object({
      theme: z.string(),
      label: z.string(),
      owner: z.string(),
      this_month: z.number().int(),
      previous_month: z.number().int(),
      change: z.number().int(),
      by_segment: z.record(z.string(), z.number().int()),
      negative_share: z.number().nullable(),
    }),
  ),
});
export type FeedbackThemesData = z.infer<typeof FeedbackThemesData>;

export const feedbackThemesReport = defineCommand({
  intent: 'feedback_themes',
  title: 'Feedback themes',
  summary: 'Feedback by theme this month against last month, by segment, with the share that is negative',
  examples: ['themes this month', 'what are customers complaining about?', 'feedback themes'],
  triggers: {
    kind: 'book',
    exact: [/^(?:themes|feedback themes|voc themes|themes this month|voc trends|feedback trends)$/],
    patterns: strong(
      /\bthemes?\b/,
      /\b(?:what|which) (?:are|do) (?:customers|clients|users) complain\w* about\b/,
      /\bfeedback (?:trends?|by theme|breakdown)\b/,
      /\bvoc (?:trends?|report|summary)\b/,
    ),
  },
  render: renderFeedbackThemes,
  account: 'none',
  access: { area: 'feedback_queue', write: false, target: 'portfolio' },
  args: FeedbackThemesArgs,
  result: FeedbackThemesData,
  async run(ctx, args) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const month = monthOf(asOf);
    const previous = addMonths(month, -1);
    const rows = await feedbackUpTo(ctx, asOf);
    const taxonomy = feedbackThemes();
    const processed = rows.filter((r) => r.theme !== null && r.status !== 'dead');
    const inMonth = (r: (typeof rows)[number], m: string) =>
      new Date(r.created_at).toISOString().slice(0, 7) === m;
    const themes = taxonomy.themes
      .map((t) => {
        const now = processed.filter((r) => r.theme === t.id && inMonth(r, month));
        const before = processed.filter((r) => r.theme === t.id && inMonth(r, previous)).length;
        const bySegment: Record<string, number> = {};
        for (const r of now) bySegment[r.segment ?? 'unknown'] = (bySegment[r.segment ?? 'unknown'] ?? 0) + 1;
        const negative = now.filter((r) => r.sentiment === 'negative').length;
        return {
          theme: t.id,
          label: t.label,
          owner: t.owner,
          this_month: now.length,
          previous_month: before,
          change: now.length - before,
          by_segment: bySegment,
          negative_share: now.length === 0 ? null : Math.round((negative / now.length) * 1000) / 1000,
        };
      })
      .filter((t) => t.this_month > 0 || t.previous_month > 0)
      .sort((a, b) => b.this_month - a.this_month || b.change - a.change || a.theme.localeCompare(b.theme));
    const data: FeedbackThemesData = {
      as_of: asOf,
      month,
      previous_month: previous,
      items_this_month: processed.filter((r) => inMonth(r, month)).length,
      themes,
    };
    return {
      data,
      asOf,
      definitions: {
        month:
          'calendar month of the as-of date, by when the customer gave the feedback (created_at); every source item counts, duplicates included',
        themes:
          'DESIGN §8 taxonomy, tagged by the lexicon (and an embedding prototype when no word matches) from knowledge/feedback/themes.json',
      },
    };
  },
});
