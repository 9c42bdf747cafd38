import { engagementLevels } from '../knowledge/engagement-levels.ts';
import type { Queryable } from '../store/db.ts';
import type { AccountFilter } from '../store/repositories/accounts.ts';
import { engagementFacts } from '../store/repositories/engagement-facts.ts';
import {
  type EngagementLevel,
  engagementLevel,
  engagementWindowStart,
} from '../tools/health/engagement-level.ts';

/** Each account's engagement level as of a day (null without usage), by account id. */
export async function engagementByAccount(
  ctx: { db: Queryable },
  asOf: string,
  filter: Omit<AccountFilter, 'status'>,
): Promise<Map<string, EngagementLevel | null>> {
  const config = engagementLevels();
  const facts = await engagementFacts(ctx.db, asOf, engagementWindowStart(asOf, config), filter);
  return new Map([...facts].map(([id, f]) => [id, engagementLevel(f, asOf, config)]));
}

/** One account's engagement level as of a day. */
export async function accountEngagement(
  ctx: { db: Queryable },
  asOf: string,
  accountId: string,
): Promise<EngagementLevel | null> {
  return (await engagementByAccount(ctx, asOf, { ids: [accountId] })).get(accountId) ?? null;
}
