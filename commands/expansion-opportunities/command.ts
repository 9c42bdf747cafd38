import { z } from 'zod';
import { centsToAmount, formatMoney } from '../../core/money.ts';
import { accountRisk } from '../../facts/risk.ts';
import { expansionConfig } from '../../knowledge/expansion-config.ts';
import { productCatalogue } from '../../knowledge/product-catalogue.ts';
import { expansionLeadScore } from '../../tools/expansion/expansion-lead-score.ts';
import { expansionSignals } from '../../tools/expansion/expansion-signals.ts';
import { seatExpansion, TARGET_UTILISATION } from '../../tools/expansion/seat-expansion.ts';
import { crossProductIdeas } from '../../tools/products/product-lines.ts';
import { accountProducts } from '../account-products.ts';
import { AsOfArg, resolveAsOf } from '../as-of.ts';
import { strong, weak } from '../parse/vocabulary.ts';
import { defineCommand } from '../registry-types.ts';
import { renderExpansion } from './render.ts';

export const ExpansionArgs = z.object({ as_of: AsOfArg }).strict();

export const ExpansionData = z.object({
  as_of: z.string(),
  arr: z.number(),
  health: z.object({ score: z.number().nullable(), tier: z.string() }),
  lead_score: z.number().int().min(0).max(100),
  lead_score_parts: z.record(
    z.string(),
    z.object({ points: z.number(), max: z.number(), detail: z.string() }),
  ),
  signals: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      present: z.boolean(),
      heat: z.enum(['hot', 'warm']),
      play: z.string(),
      evidence: z.array(z.string()),
    }),
  ),
  seats: z
    .object({
      used: z.number(),
      purchased: z.number(),
      utilisation: z.number(),
      price_per_seat: z.number().nullable(),
      seats_to_add: z.number().int(),
      added_arr: z.number().nullable(),
    })
    .nullable(),
  /** Products the account does not hold yet that teams on its well-used products adopt next. */
  cross_product: z.array(
    z.object({ product: z.string(), from: z.string(), why: z.string(), evidence: z.string() }),
  ),
  plays: z.array(
    z.object({
      play: z.string(),
      title: z.string(),
      because: z.array(z.string()),
      steps: z.array(z.string()),
    }),
  ),
});
export type ExpansionData = z.infer<typeof ExpansionData>;

/** The plays the present signals call for, each with why (seat arithmetic, cross-product adoption). */
function expansionPlays(
  signals: ReturnType<typeof expansionSignals>,
  seats: ReturnType<typeof seatExpansion>,
  crossProduct: ReturnType<typeof crossProductIdeas>,
  config: ReturnType<typeof expansionConfig>,
): ExpansionData['plays'] {
  const pricePerSeatCents = seats?.pricePerSeatCents ?? null;
  const seatsToAdd = seats?.seatsToAdd ?? 0;
  const present = signals.filter((s) => s.present);
  const plays = [...new Set(present.map((s) => s.play))].map((play) => {
    const because = present.filter((s) => s.play === play).map((s) => `${s.label}: ${s.evidence.join('; ')}`);
    if (play === 'seat_expansion' && seats && pricePerSeatCents !== null && seatsToAdd > 0) {
      because.push(
        `adding ${seatsToAdd} seats (to ${Math.round(TARGET_UTILISATION * 100)}% use) ≈ ${formatMoney(seatsToAdd * pricePerSeatCents)} ARR at ${formatMoney(pricePerSeatCents)} per seat`,
      );
    }
    return { play, title: config.plays[play].title, because, steps: config.plays[play].steps };
  });
  const crossSell = plays.find((p) => p.play === 'cross_sell');
  const adoptions = crossProduct.map((c) => `${c.product} next (${c.evidence}): ${c.why}`);
  if (crossSell) crossSell.because.push(...adoptions);
  else if (adoptions.length > 0)
    plays.push({
      play: 'cross_sell',
      title: config.plays.cross_sell.title,
      because: adoptions,
      steps: config.plays.cross_sell.steps,
    });
  return plays;
}

export const expansionOpportunities = defineCommand({
  intent: 'expansion_opportunities',
  title: 'Expansion opportunities',
  summary:
    'Hot and warm expansion signals with evidence, a 0–100 lead score, and the matching play with its numbers',
  examples: [
    'expansion opportunities for Acme Corp',
    'can we upsell Initech?',
    'where can Acme grow?',
    'which other products could Globex adopt?',
  ],
  triggers: {
    kind: 'account',
    patterns: [
      ...strong(
        /\bland more (?:revenue|seats|users|licen[cs]es)\b/,
        /\bexpansion\b/,
        /\bexpand\b/,
        /\bupsell\w*\b/,
        /\bup sell\b/,
        /\bcross ?sell\w*\b/,
        /\bwhite ?space\b/,
        /\bmore seats\b/,
        /\bgrowth (?:opportunit\w+|potential|plays?)\b/,
        /\bcross[- ]?product\b/,
        /\b(?:other|more) products?\b.{0,30}\b(?:adopt|use|buy|add)\b/,
      ),
      ...weak(/\bgrow\b/, /\bupgrade\b/, /\bupside\b/),
    ],
  },
  render: renderExpansion,
  account: 'required',
  access: { area: 'account_health', write: false, target: 'account' },
  args: ExpansionArgs,
  result: ExpansionData,
  async run(ctx, args, account) {
    const asOf = resolveAsOf(args.as_of, ctx.today);
    const config = expansionConfig();
    const { data, health, arrCents } = await accountRisk(ctx.db, account.id, asOf);
    const products = await accountProducts(ctx, data, data.productUsage);
    const crossProduct = products
      ? crossProductIdeas(
          products.lines.map((l) => ({
            product: l.product,
            weeklyUsers: l.weekly_users,
            featureBreadth: l.feature_breadth,
          })),
          new Set(products.lines.map((l) => l.product)),
          productCatalogue(),
        )
      : [];
    const signals = expansionSignals(data, health.score, config);
    const lead = expansionLeadScore(data, health, config);
    const seats = seatExpansion(data, arrCents);
    const pricePerSeatCents = seats?.pricePerSeatCents ?? null;
    const plays = expansionPlays(signals, seats, crossProduct, config);
    const result: ExpansionData = {
      as_of: asOf,
      arr: centsToAmount(arrCents),
      health: { score: health.score, tier: health.tier },
      lead_score: lead.score,
      lead_score_parts: lead.parts,
      signals: signals.map((s) => ({
        id: s.id,
        label: s.label,
        present: s.present,
        heat: s.heat,
        play: s.play,
        evidence: s.evidence,
      })),
      seats: seats
        ? {
            used: seats.used,
            purchased: seats.purchased,
            utilisation: Math.round(seats.share * 1000) / 1000,
            price_per_seat: pricePerSeatCents === null ? null : centsToAmount(pricePerSeatCents),
            seats_to_add: seats.seatsToAdd,
            added_arr: seats.addedArrCents === null ? null : centsToAmount(seats.addedArrCents),
          }
        : null,
      cross_product: crossProduct,
      plays,
    };
    return {
      data: result,
      asOf,
      definitions: {
        lead_score:
          'usage growth 30 + feature adoption 25 + sentiment 20 + footprint breadth 15 + ARR potential (seat use) 10',
        price_per_seat: 'current ARR ÷ seats purchased',
        cross_product: `products the account does not hold that the catalogue (knowledge/products/catalogue.json, ${productCatalogue().version}) says teams adopt next, from products with at least ${productCatalogue().min_weekly_users} weekly users and ${Math.round(productCatalogue().min_feature_breadth * 100)} % of their features in use`,
      },
    };
  },
});
