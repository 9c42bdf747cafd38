import { z } from 'zod';
import { loadKnowledge } from './load-knowledge.ts';

/**
 * How product analytics calls become daily usage rows (knowledge/connectors/product-events.json):
 * which track events are core actions, which events make up each feature, and the WAU and MAU
 * windows. Versioned; the rollup records it on every row it writes.
 */
export const UsageRollupConfig = z
  .object({
    version: z.string().min(1),
    note: z.string().optional(),
    core_actions: z.array(z.string().min(1)),
    features: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
    wau_days: z.number().int().min(1).max(31),
    mau_days: z.number().int().min(1).max(93),
  })
  .strict();
export type UsageRollupConfig = z.infer<typeof UsageRollupConfig>;

let cached: UsageRollupConfig | undefined;
export function usageRollupConfig(): UsageRollupConfig {
  cached ??= loadKnowledge('connectors/product-events.json', UsageRollupConfig);
  return cached;
}

/** The rollup's rules as the store applies them (store/repositories/product-events). */
export function usageRollupRules(config: UsageRollupConfig = usageRollupConfig()) {
  return {
    version: config.version,
    coreActions: config.core_actions,
    features: featureOfEvent(config),
    featuresTotal: Object.keys(config.features).length,
    wauDays: config.wau_days,
    mauDays: config.mau_days,
  };
}

/** Each tracked event's feature, as rows (one event may belong to one feature only: the first listed). */
function featureOfEvent(config: UsageRollupConfig): { event: string; feature: string }[] {
  const seen = new Set<string>();
  const rows: { event: string; feature: string }[] = [];
  for (const [feature, events] of Object.entries(config.features))
    for (const event of events)
      if (!seen.has(event)) {
        seen.add(event);
        rows.push({ event, feature });
      }
  return rows;
}
