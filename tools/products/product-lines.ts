import type { ProductCatalogue } from '../../knowledge/product-catalogue.ts';
import { annualised } from '../portfolio/account-arr.ts';

/** One product line of an account: its ARR and its share of the account's product ARR. */
export interface ProductLine {
  product: string;
  arrCents: number;
  share: number;
}

/**
 * The account's product lines in the latest month with product revenue (12 × month-end MRR each),
 * with their shares, largest first; null without product revenue. Pure.
 */
export function productLines(
  rows: readonly { product: string; month: string; mrr_cents: number }[],
): { month: string; lines: ProductLine[] } | null {
  const month = rows.reduce<string | null>((m, r) => (m === null || r.month > m ? r.month : m), null);
  if (month === null) return null;
  const latest = rows.filter((r) => r.month === month && Number(r.mrr_cents) > 0);
  if (latest.length === 0) return null;
  const total = latest.reduce((s, r) => s + Number(r.mrr_cents), 0);
  return {
    month,
    lines: latest
      .map((r) => ({
        product: r.product,
        arrCents: annualised(Number(r.mrr_cents)),
        share: Number(r.mrr_cents) / total,
      }))
      .sort((a, b) => b.arrCents - a.arrCents || a.product.localeCompare(b.product)),
  };
}

/** One health score weighted by each product's ARR (the scored products' weights renormalised). Pure. */
export function unifiedScore(lines: readonly { share: number; score: number | null }[]): number | null {
  const scored = lines.filter((l): l is { share: number; score: number } => l.score !== null);
  const weight = scored.reduce((s, l) => s + l.share, 0);
  if (scored.length === 0 || weight === 0) return null;
  return Math.round(scored.reduce((s, l) => s + l.score * l.share, 0) / weight);
}

/** How established a product is in an account: latest weekly users and feature breadth. */
export interface ProductFootprint {
  product: string;
  weeklyUsers: number | null;
  featureBreadth: number | null;
}

export interface CrossProductIdea {
  product: string;
  from: string;
  why: string;
  evidence: string;
}

/**
 * Cross-product adoption: for each product the account uses well (weekly users and feature breadth
 * at the catalogue's minimums), the products teams on it adopt next that the account does not
 * hold yet, each once. Pure.
 */
export function crossProductIdeas(
  footprints: readonly ProductFootprint[],
  held: ReadonlySet<string>,
  catalogue: ProductCatalogue,
): CrossProductIdea[] {
  const ideas = new Map<string, CrossProductIdea>();
  for (const f of footprints) {
    const entry = catalogue.products[f.product];
    if (!entry) continue;
    if ((f.weeklyUsers ?? 0) < catalogue.min_weekly_users) continue;
    if ((f.featureBreadth ?? 0) < catalogue.min_feature_breadth) continue;
    for (const next of entry.adopt_next)
      if (!held.has(next) && !ideas.has(next))
        ideas.set(next, {
          product: next,
          from: f.product,
          why: entry.why,
          evidence: `${f.product}: ${f.weeklyUsers} weekly users, ${Math.round((f.featureBreadth ?? 0) * 100)} % of its features`,
        });
  }
  return [...ideas.values()];
}
