import { z } from 'zod';
import { centsToAmount } from '../core/money.ts';
import { arrByAccount } from '../facts/feedback.ts';
import { findRoadmapItem, type RoadmapItem, requestingItems } from '../facts/roadmap.ts';
import { inReadScope } from '../tools/access/authorise.ts';
import { ROADMAP_STATUS_LABEL, ROADMAP_STATUSES, requestingAccounts } from '../tools/feedback/roadmap.ts';
import { askerReadScope } from './authorisation.ts';
import type { CommandContext } from './context.ts';

/** A roadmap item with every account that asked for it (each once), as the roadmap answers show it. */
export const RoadmapItemData = z.object({
  roadmap_key: z.string(),
  title: z.string(),
  status: z.enum(ROADMAP_STATUSES),
  owner: z.string().nullable(),
  shipped_on: z.string().nullable(),
  /** Customer items behind it: the linked requests and their merge lists. */
  items: z.number().int(),
  accounts: z.array(
    z.object({
      account_id: z.string(),
      name: z.string(),
      csm: z.string().nullable(),
      feedback_id: z.string(),
      asked_on: z.string(),
      items: z.number().int(),
      /** Null for a role that gets no revenue answers (support): it sees counts. */
      arr: z.number().nullable(),
      /** Shipped items: the release email's command for this account. */
      release_email: z.string().nullable(),
    }),
  ),
  /** Accounts that asked from books outside the asker's: counted, never named. */
  other_accounts: z.number().int(),
  /** ARR of the accounts listed, each counted once; null for a role without revenue answers. */
  arr_affected: z.number().nullable(),
});
export type RoadmapItemData = z.infer<typeof RoadmapItemData>;

/** A status change a write made (from null: the item is new). */
export const StatusChange = z.object({
  from: z.enum(ROADMAP_STATUSES).nullable(),
  to: z.enum(ROADMAP_STATUSES),
});

export const ROADMAP_DEFINITIONS = {
  roadmap_status: `${ROADMAP_STATUSES.map((s) => ROADMAP_STATUS_LABEL[s]).join(' → ')}; a change is posted to the item's owner channel, and shipping it lists every account that asked with its release email`,
  requesting_accounts:
    "the accounts behind the linked requests and every item merged into them, each once, with its first item; ARR is 12 × latest month-end MRR (or declared ARR), each account counted once; accounts outside the asker's book are counted, not listed, and a role without revenue answers sees counts only",
};

const releaseEmail = (accountId: string, feedbackId: string, asOf: string) =>
  `cse run draft_email --kind release_note --account ${accountId} --feedback-id ${feedbackId} --as-of ${asOf}`;

/** One item as it stands now (after a write), with its requesting accounts. */
export async function roadmapItemData(
  ctx: Pick<CommandContext, 'db' | 'actor'>,
  key: string,
  asOf: string,
): Promise<RoadmapItemData> {
  const item = await findRoadmapItem(ctx.db, key);
  if (!item) throw new Error(`roadmap item ${key} vanished after it was written`);
  const [data] = await roadmapItemsData(ctx, [item], asOf);
  return data as RoadmapItemData;
}

/**
 * The items with their requesting accounts, in the order given, as the asker may see them: the
 * accounts of their reach listed, the others counted.
 */
export async function roadmapItemsData(
  ctx: Pick<CommandContext, 'db' | 'actor'>,
  items: readonly RoadmapItem[],
  asOf: string,
): Promise<RoadmapItemData[]> {
  if (items.length === 0) return [];
  const [rows, arrs, scope] = await Promise.all([
    requestingItems(
      ctx.db,
      items.map((i) => i.roadmap_key),
    ),
    arrByAccount(ctx, asOf),
    askerReadScope(ctx),
  ]);
  const money = (cents: number) => (scope.revenue ? centsToAmount(cents) : null);
  return items.map((item) => {
    const own = rows.filter((r) => r.roadmap_key === item.roadmap_key);
    const all = requestingAccounts(own, arrs);
    const accounts = all.filter((a) => inReadScope(scope, a.csm));
    return {
      roadmap_key: item.roadmap_key,
      title: item.title,
      status: item.status,
      owner: item.owner,
      shipped_on: item.shipped_at?.slice(0, 10) ?? null,
      items: own.length,
      accounts: accounts.map((a) => ({
        account_id: a.account_id,
        name: a.name,
        csm: a.csm,
        feedback_id: a.feedback_id,
        asked_on: a.asked_on,
        items: a.items,
        arr: money(a.arr_cents),
        release_email: item.status === 'shipped' ? releaseEmail(a.account_id, a.feedback_id, asOf) : null,
      })),
      other_accounts: all.length - accounts.length,
      arr_affected: money(accounts.reduce((sum, a) => sum + a.arr_cents, 0)),
    };
  });
}
