import { z } from 'zod';
import { centsToAmount } from '../../core/money.ts';
import { arrByAccount, feedbackUpTo, OPEN_STATUSES } from '../../facts/feedback.ts';
import { feedbackLoopSettings } from '../../knowledge/feedback-loop.ts';
import type { ThemeId } from '../../knowledge/feedback-themes.ts';
import { type RequestCluster, rankRequests } from '../../tools/feedback/priority.ts';
import { excerpt } from '../../tools/text/excerpt.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { askerReadScope } from '../authorisation.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderTopRequests } from './render.ts';

export const TopRequestsArgs = z
  .object({ as_of: AsOfArg, limit: z.coerce.number().int().min(1).max(100).optional() })
  .strict();

export const TopRequestsData = z.object({
  as_of: z.string(),
  open_requests: z.number().int(),
  requests: z.array(
    z.object({
      rank: z.number().int(),
      canonical_id: z.string(),
      text: z.string(),
      theme: z.string(),
      owner: z.string().nullable(),
      status: z.string(),
      items: z.number().int(),
      accounts: z.number().int(),
      account_names: z.array(z.string()),
      /** Null for a role without revenue answers (support): it sees the counts. */
      arr_affected: z.number().nullable(),
      impact: z.number(),
      effort: z.number().nullable(),
      score: z.number(),
    }),
  ),
});
export type TopRequestsData = z.infer<typeof TopRequestsData>;

export const topRequests = defineCommand({
  intent: 'top_requests',
  title: 'Top requests',
  summary:
    'Open customer requests ranked by priority: unique accounts asking, ARR affected (each account once), impact by theme, effort when set; duplicates merged',
  examples: ['top requests', 'what are customers asking for most?', 'top feature requests'],
  triggers: {
    kind: 'book',
    exact: [/^(?:top requests|top asks|top feature requests|feature requests|requests)$/],
    patterns: strong(
      /\btop (?:\d+ )?(?:feature |customer |product )?(?:requests?|asks)\b/,
      /\bmost (?:requested|asked for|wanted)\b/,
      /\bwhat (?:are|do) (?:customers|clients|users) (?:asking|ask) for\b/,
      /\b(?:biggest|top|main) (?:customer )?(?:asks|pain points)\b/,
      /\brequests? ranked\b/,
    ),
  },
  render: renderTopRequests,
  account: 'none',
  access: { area: 'feedback_queue', write: false, target: 'portfolio' },
  args: TopRequestsArgs,
  result: TopRequestsData,
  async run(ctx, args) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const [rows, arrs, scope] = await Promise.all([
      feedbackUpTo(ctx, asOf),
      arrByAccount(ctx, asOf),
      askerReadScope(ctx),
    ]);
    const byId = new Map(rows.map((r) => [r.feedback_id, r]));
    const clusters = new Map<string, RequestCluster>();
    for (const r of rows) {
      if (r.status === 'dead' || r.status === 'new') continue;
      const root = byId.get(r.canonical_id ?? r.feedback_id);
      if (!root || !OPEN_STATUSES.has(root.status)) continue;
      const cluster = clusters.get(root.feedback_id) ?? {
        canonicalId: root.feedback_id,
        theme: (root.theme ?? 'feature_request') as ThemeId,
        items: [],
        effort: root.effort === null ? null : Number(root.effort),
      };
      cluster.items.push({ feedbackId: r.feedback_id, accountId: r.account_id });
      clusters.set(root.feedback_id, cluster);
    }
    const ranked = rankRequests([...clusters.values()], arrs, feedbackLoopSettings());
    const names = new Map(rows.map((r) => [r.account_id, r.account_name]));
    const data: TopRequestsData = {
      as_of: asOf,
      open_requests: ranked.length,
      requests: ranked.slice(0, args.limit ?? 10).map((r, k) => {
        const root = byId.get(r.canonicalId);
        return {
          rank: k + 1,
          canonical_id: r.canonicalId,
          text: excerpt(root?.text ?? ''),
          theme: r.theme,
          owner: root?.reassigned_to ?? root?.owner ?? null,
          status: root?.status ?? 'open',
          items: r.items.length,
          accounts: r.accounts,
          account_names: [...new Set(r.items.map((i) => names.get(i.accountId) ?? i.accountId))].slice(0, 5),
          arr_affected: scope.revenue ? centsToAmount(r.arrCents) : null,
          impact: r.impact,
          effort: r.effort,
          score: r.score,
        };
      }),
    };
    return {
      data,
      asOf,
      definitions: {
        priority_score:
          '100 × (0.4 × accounts ÷ most accounts + 0.4 × ARR affected ÷ largest ARR affected + 0.2 × impact of the theme), divided by effort (1–5) when set; weights in knowledge/feedback/loop.json',
        arr_affected:
          'ARR of the distinct accounts behind the request, each counted once (12 × latest month-end MRR, or declared ARR)',
        duplicates:
          'items merged into one request: embedding similarity at or above the dedup threshold, or from judge_from up to it with the same theme and a shared subject word (knowledge/feedback/loop.json)',
      },
    };
  },
});
