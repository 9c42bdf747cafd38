import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

/**
 * The product catalogue (knowledge/products/catalogue.json): each product and what teams on it
 * adopt next, and how established a product must be in an account (weekly users, feature
 * breadth) before its next product is suggested.
 */
export const ProductCatalogue = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    products: z.record(
      z.string().min(1),
      z.object({ adopt_next: z.array(z.string().min(1)), why: z.string().min(1) }).strict(),
    ),
    min_weekly_users: z.number().int().min(0),
    min_feature_breadth: z.number().min(0).max(1),
  })
  .strict();
export type ProductCatalogue = z.infer<typeof ProductCatalogue>;

let cached: ProductCatalogue | undefined;
export function productCatalogue(): ProductCatalogue {
  cached ??= loadKnowledge('products/catalogue.json', ProductCatalogue);
  return cached;
}
