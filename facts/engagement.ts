import { engagementLevels } from '../knowledge/engagement-levels.ts';
import { USAGE_WINDOW_DAYS } from '../knowledge/usage-window.ts';
import type { Queryable } from '../store/db.ts';
import type { AccountFilter } from '../store/repositories/accounts.ts';
import { engagementFacts } from '../store/repositories/engagement-facts.ts';
import { type EngagementLevel, engagementLevel } from '../tools/health/engagement-level.ts';
import { usageWindowStart } from '../tools/usage/stickiness.ts';

/** Each account's engagement level as of a day (null without usage), by account id. */
export async function engagementByAccount(
  ctx: { db: Queryable },
  asOf: string,
  filter: Omit<AccountFilter, 'status'>,
): Promise<Map<string, EngagementLevel | null>> {
  const config = engagementLevels();
  const facts = await engagementFacts(ctx.db, asOf, usageWindowStart(asOf), filter);
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

/** How the engagement level is read, for an answer's definitions. */
export function engagementDefinition(): string {
  const config = engagementLevels();
  return `the engagement-to-retention mapping (${config.version}): stickiness (mean DAU ÷ mean MAU over ${USAGE_WINDOW_DAYS} days) and feature breadth against each level's minimums; a ghost after ${config.ghost_after_days} days without activity`;
}
