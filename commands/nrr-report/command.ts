import { z } from 'zod';
import { centsToAmount } from '../../core/money.ts';
import { accountNames } from '../../facts/accounts.ts';
import { metricsSettings } from '../../knowledge/metrics-settings.ts';
import { accountMovements, monthlyMovements } from '../../tools/metrics/movements.ts';
import { nrrBridge } from '../../tools/metrics/nrr-bridge.ts';
import { trailingRetention } from '../../tools/metrics/trailing-retention.ts';
import { AsOfArg } from '../as-of.ts';
import { BookScopeData, BookScopeFields, bookScopeData, resolveBook } from '../book-scope.ts';
import { METRIC_DEFINITIONS, settingsUsed } from '../metric-definitions.ts';
import { monthlyEntry, trailingEntry } from '../metrics-shapes.ts';
import { strong } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { loadRevenueWindow } from '../revenue-grid.ts';
import { renderNrrReport } from './render.ts';

export const NrrReportArgs = z
  .object({
    as_of: AsOfArg,
    ...BookScopeFields,
    /** One product line's retention (revenue imported per product). */
    product: z.string().trim().min(1).max(100).optional(),
  })
  .strict();

const RatioShape = z.object({ num: z.number(), den: z.number(), value: z.number().nullable() });
const BridgeAccount = z.object({ account_id: z.string(), name: z.string(), amount: z.number() });

export const NrrReportData = z.object({
  as_of: z.string(),
  month: z.string(),
  scope: BookScopeData,
  /** The product line the figures are for; null: the accounts' total revenue. */
  product: z.string().nullable(),
  headline: z.object({
    trailing_12: z
      .object({
        base_month: z.string(),
        nrr: RatioShape,
        grr: RatioShape,
        logo_retention: RatioShape,
        expansion_rate: RatioShape,
      })
      .nullable(),
    monthly: z.object({ nrr: RatioShape, grr: RatioShape }).nullable(),
  }),
  bands: z.object({
    segment: z.string(),
    good: z.number(),
    great: z.number(),
    world_class: z.number(),
    rating: z.enum(['below good', 'good', 'great', 'world-class']).nullable(),
  }),
  bridge: z
    .object({
      from_month: z.string(),
      to_month: z.string(),
      start_mrr: z.number(),
      expansion_mrr: z.number(),
      contraction_mrr: z.number(),
      churn_mrr: z.number(),
      end_mrr: z.number(),
      expansion: z.array(BridgeAccount),
      contraction: z.array(BridgeAccount),
      churn: z.array(BridgeAccount),
    })
    .nullable(),
  monthly: z.array(z.record(z.string(), z.unknown())),
  trailing_12: z.array(z.record(z.string(), z.unknown())),
  definition: z.record(z.string(), z.unknown()),
});
export type NrrReportData = z.infer<typeof NrrReportData>;

function rating(
  value: number | null,
  band: { good: number; great: number; world_class: number },
): NrrReportData['bands']['rating'] {
  if (value === null) return null;
  if (value >= band.world_class) return 'world-class';
  if (value >= band.great) return 'great';
  if (value >= band.good) return 'good';
  return 'below good';
}

export const nrrReport = defineCommand({
  intent: 'nrr_report',
  title: 'NRR report',
  summary:
    'Net and gross revenue retention (trailing 12 months and monthly), the bridge from start to end with the accounts behind it, against NRR bands',
  examples: ['NRR report', 'NRR report for enterprise as of 2026-06', 'what is our net revenue retention?'],
  triggers: {
    kind: 'book',
    exact: [/^(?:nrr|nrr report|grr|ndr|net revenue retention|gross revenue retention|revenue retention)$/],
    patterns: strong(
      /\bexpansion (?:vs\.?|versus|against) churn\b/,
      /\bnrr\b/,
      /\bgrr\b/,
      /\bndr\b/,
      /\bnet (?:revenue|dollar) retention\b/,
      /\bgross (?:revenue|dollar) retention\b/,
      /\brevenue retention\b/,
      /\b(?:net|gross) retention\b/,
      /\bexpansion rate\b/,
      /\bretention (?:report|numbers|rates?|metrics|figures)\b/,
      /\bmrr (?:movements|bridge|waterfall|changes)\b/,
      /\b(?:logo|revenue|gross|net) churn rate\b/,
      /\bchurn rate\b/,
      /\blogo retention\b/,
      /\bquick ratio\b/,
    ),
  },
  render: renderNrrReport,
  account: 'none',
  access: { area: 'book_reports', write: false, target: 'book' },
  args: NrrReportArgs,
  result: NrrReportData,
  async run(ctx, args) {
    const settings = metricsSettings();
    const options = { reactivationWindowMonths: settings.reactivation_window_months };
    const book = await resolveBook(ctx, args);
    const { month, asOf, grid } = await loadRevenueWindow(
      ctx,
      book,
      args.as_of,
      args.product ? { product: args.product } : {},
    );
    const movements = accountMovements(grid, options);
    const monthly = monthlyMovements(grid, options, movements);
    const trailing = trailingRetention(grid, options, { movements, monthly });
    const t12 = trailing.find((t) => t.month === month) ?? null;
    const m1 = monthly.find((m) => m.month === month) ?? null;
    const end = grid.months.indexOf(month);
    const bridge = end >= 12 ? nrrBridge(grid, end - 12, end) : null;
    const names = new Map((await accountNames(ctx.db)).map((a) => [a.account_id, a.name]));
    const withNames = (list: { accountId: string; amountCents: number }[]) =>
      list.map((a) => ({
        account_id: a.accountId,
        name: names.get(a.accountId) ?? a.accountId,
        amount: centsToAmount(a.amountCents),
      }));
    const bandKey = book.segment ?? 'all';
    const band = settings.nrr_bands[bandKey as keyof typeof settings.nrr_bands] ?? settings.nrr_bands.all;
    const t12Entry = t12 ? trailingEntry(t12) : null;
    const data: NrrReportData = {
      as_of: asOf,
      month,
      scope: bookScopeData(book),
      product: args.product ?? null,
      headline: {
        trailing_12: t12Entry
          ? {
              base_month: t12Entry.base_month,
              nrr: t12Entry.nrr,
              grr: t12Entry.grr,
              logo_retention: t12Entry.logo_retention,
              expansion_rate: t12Entry.expansion_rate,
            }
          : null,
        monthly: m1 ? { nrr: monthlyEntry(m1).nrr, grr: monthlyEntry(m1).grr } : null,
      },
      bands: { segment: bandKey, ...band, rating: rating(t12?.nrr.value ?? null, band) },
      bridge: bridge
        ? {
            from_month: bridge.fromMonth,
            to_month: bridge.toMonth,
            start_mrr: centsToAmount(bridge.startCents),
            expansion_mrr: centsToAmount(bridge.expansionCents),
            contraction_mrr: centsToAmount(bridge.contractionCents),
            churn_mrr: centsToAmount(bridge.churnCents),
            end_mrr: centsToAmount(bridge.endCents),
            expansion: withNames(bridge.expansion),
            contraction: withNames(bridge.contraction),
            churn: withNames(bridge.churn),
          }
        : null,
      monthly: monthly.map(monthlyEntry),
      trailing_12: trailing.map(trailingEntry),
      definition: { ...METRIC_DEFINITIONS, settings: settingsUsed(settings) },
    };
    return {
      data,
      asOf,
      definitions: {
        nrr: METRIC_DEFINITIONS.nrr,
        grr: METRIC_DEFINITIONS.grr,
        bridge: METRIC_DEFINITIONS.bridge,
      },
    };
  },
});
