import { z } from 'zod';
import { CseError, ErrorCode } from '../core/errors.ts';
import { findRoadmapItem, listRoadmapKeys, type RoadmapItem } from '../facts/roadmap.ts';
import { ROADMAP_KEY, ROADMAP_STATUSES } from '../tools/feedback/roadmap.ts';
import { editDistance } from '../tools/text/edit-distance.ts';
import type { CommandContext } from './context.ts';

export const RoadmapKeyArg = z
  .string()
  .trim()
  .regex(ROADMAP_KEY, 'a roadmap key is letters, digits, dots, dashes or underscores, e.g. SSO-12');

export const RoadmapStatusArg = z.enum(ROADMAP_STATUSES, {
  error: `must be one of ${ROADMAP_STATUSES.join(', ')}`,
});

/** The stored roadmap item a key names, or a not-found error with the nearest keys. */
export async function storedRoadmapItem(ctx: Pick<CommandContext, 'db'>, key: string): Promise<RoadmapItem> {
  const item = await findRoadmapItem(ctx.db, key);
  if (item) return item;
  const keys = await listRoadmapKeys(ctx.db);
  const near = keys
    .map((k) => ({ k, d: editDistance(k.toLowerCase(), key.toLowerCase(), 3) }))
    .filter((x) => x.d <= 3)
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map((x) => x.k);
  throw new CseError(ErrorCode.NotFound, `No roadmap item ${key}`, {
    hint: near.length
      ? `Did you mean ${near.join(', ')}?`
      : 'Link a request to create it: cse feedback link <FB-id> --roadmap <key>',
  });
}
