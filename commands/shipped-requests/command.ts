import { z } from 'zod';
import { addDays, endOfDay, startOfDay } from '../../core/calendar.ts';
import { shippedRoadmapItems } from '../../facts/roadmap.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { ROADMAP_DEFINITIONS, RoadmapItemData, roadmapItemsData } from '../roadmap-facts.ts';
import { renderShippedRequests } from './render.ts';

const DEFAULT_DAYS = 90;

export const ShippedRequestsArgs = z
  .object({ as_of: AsOfArg, days: z.coerce.number().int().min(1).max(730).optional() })
  .strict();

export const ShippedRequestsData = z.object({
  as_of: z.string(),
  since: z.string(),
  shipped: z.array(RoadmapItemData),
  /** Distinct accounts listed across the shipped items, and their ARR, each counted once (null: no revenue answers for this role). */
  accounts: z.number().int(),
  arr_affected: z.number().nullable(),
});
export type ShippedRequestsData = z.infer<typeof ShippedRequestsData>;

export const shippedRequests = defineCommand({
  intent: 'shipped_requests',
  title: 'Shipped requests',
  summary:
    'What we shipped that customers asked for: roadmap items shipped in the last 90 days (--days), with every account that asked, its ARR and its release email',
  examples: [
    'what did we ship that customers asked for?',
    'shipped requests',
    'shipped requests in the last 30 days',
  ],
  triggers: {
    kind: 'book',
    exact: [/^(?:shipped requests|shipped asks|shipped features)$/],
    patterns: strong(
      /\b(?:ship|shipped|release|released|deliver|delivered|launch|launched)\b.{0,40}\b(?:asked|requested|wanted)\b/,
      /\b(?:asked|requested|wanted)\b.{0,40}\b(?:ship|shipped|release|released|delivered|launched|went live)\b/,
      /\bshipped (?:customer |feature |product )?(?:requests?|asks|features)\b/,
      /\b(?:requests?|asks|features|roadmap items?) (?:we |that )?(?:shipped|delivered|released|launched|went live)\b/,
      /\b(?:requests?|asks|feedback) (?:that )?(?:made it|went) into (?:a |the )?release\b/,
      /\bfeature requests? (?:went|gone|going) live\b/,
    ),
  },
  render: renderShippedRequests,
  account: 'none',
  access: { area: 'feedback_queue', write: false, target: 'portfolio' },
  args: ShippedRequestsArgs,
  result: ShippedRequestsData,
  async run(ctx, args) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const since = addDays(asOf, -(args.days ?? DEFAULT_DAYS));
    const items = await shippedRoadmapItems(ctx.db, startOfDay(since), endOfDay(asOf));
    const shipped = await roadmapItemsData(ctx, items, asOf);
    const accounts = new Map(shipped.flatMap((s) => s.accounts.map((a) => [a.account_id, a.arr] as const)));
    const arr = [...accounts.values()].reduce<number | null>(
      (sum, v) => (sum === null || v === null ? null : sum + v),
      0,
    );
    return {
      data: {
        as_of: asOf,
        since,
        shipped,
        accounts: accounts.size,
        arr_affected: arr === null ? null : Math.round(arr * 100) / 100,
      },
      asOf,
      definitions: {
        ...ROADMAP_DEFINITIONS,
        window: `roadmap items whose status became shipped from ${since} to ${asOf}`,
      },
    };
  },
});
