import { z } from 'zod';
import { monthOf } from '../core/calendar.ts';
import { centsToAmount } from '../core/money.ts';
import { productRevenue } from '../facts/products.ts';
import { healthModel, REPORTED_TIERS } from '../knowledge/health-model.ts';
import type { AccountHealthData } from '../tools/health/account-health-data.ts';
import { healthScore, tierFor } from '../tools/health/health-score.ts';
import { productLines, unifiedScore } from '../tools/products/product-lines.ts';
import type { ProductUsage } from '../tools/risk/account-risk-data.ts';
import type { CommandContext } from './context.ts';

/** An account's products: each line's ARR and share, its own health, and the ARR-weighted score. */
export const AccountProductsData = z.object({
  /** The revenue month the lines are read from ('YYYY-MM'). */
  month: z.string(),
  lines: z.array(
    z.object({
      product: z.string(),
      arr: z.number(),
      share_percent: z.number(),
      /** The product's health: its own usage, the account's other dimensions. Null without its usage. */
      health: z.object({ score: z.number().nullable(), tier: z.enum(REPORTED_TIERS) }).nullable(),
      weekly_users: z.number().nullable(),
      feature_breadth: z.number().nullable(),
    }),
  ),
  /** One score weighted by each product's ARR (null when no product has usage). */
  unified: z.object({ score: z.number(), tier: z.enum(REPORTED_TIERS) }).nullable(),
});
export type AccountProductsData = z.infer<typeof AccountProductsData>;

export const PRODUCTS_DEFINITION =
  "per product: ARR = 12 × the product's month-end MRR in the latest month with product revenue; health = the health model on the product's own usage (last 56 days) with the account's other dimensions; unified = each product's health weighted by its ARR share";

/** The latest row that says how many use the product or how many features. */
const latest = (rows: ProductUsage['rows']) =>
  [...rows].reverse().find((r) => r.wau !== null || r.features_used !== null);

/**
 * What each product shows beside the account's figures, from its product revenue and the product
 * usage already read for it; null without product revenue.
 */
export async function accountProducts(
  ctx: Pick<CommandContext, 'db'>,
  data: AccountHealthData,
  usage: readonly ProductUsage[],
): Promise<AccountProductsData | null> {
  const read = productLines(await productRevenue(ctx.db, data.accountId, monthOf(data.asOf)));
  if (!read) return null;
  const model = healthModel();
  const lines = read.lines.map((line) => {
    const rows = usage.find((u) => u.product === line.product)?.rows ?? [];
    const health = rows.length > 0 ? healthScore({ ...data, usage: rows }, model) : null;
    const last = latest(rows);
    return {
      product: line.product,
      arr: centsToAmount(line.arrCents),
      share: line.share,
      share_percent: Math.round(line.share * 1000) / 10,
      health: health ? { score: health.score, tier: health.tier } : null,
      weekly_users: last?.wau ?? null,
      feature_breadth:
        last && last.features_used !== null && last.features_total
          ? Math.round((last.features_used / last.features_total) * 1000) / 1000
          : null,
    };
  });
  const score = unifiedScore(lines.map((l) => ({ share: l.share, score: l.health?.score ?? null })));
  return {
    month: read.month,
    lines: lines.map(({ share: _s, ...l }) => l),
    unified: score === null ? null : { score, tier: tierFor(score, model) },
  };
}

/** The products an answer shows: only for an account that holds more than one. */
export const multiProduct = (products: AccountProductsData | null) =>
  products && products.lines.length > 1 ? products : null;

/** The products as text: the ARR-weighted score, then each line. Pure. */
export function productLinesText(p: AccountProductsData): string[] {
  const money = (v: number) => `$${Math.round(v).toLocaleString('en-US')}`;
  return [
    `Products (${p.month}): ARR-weighted health ${p.unified ? `${p.unified.score} (${p.unified.tier})` : 'not scored (no product usage)'}`,
    ...p.lines.map(
      (l) =>
        `  • ${l.product}: ${money(l.arr)} ARR (${l.share_percent} %), health ${l.health ? `${l.health.score ?? '—'} (${l.health.tier})` : '— (no usage for it)'}${l.weekly_users !== null ? `, ${l.weekly_users} weekly users` : ''}${l.feature_breadth !== null ? `, ${Math.round(l.feature_breadth * 100)} % of its features` : ''}`,
    ),
  ];
}
