import { z } from 'zod';
import { BookScopeData } from './book-scope.ts';

export const MoversData = z.object({
  as_of: z.string(),
  since: z.string(),
  days: z.number().int(),
  scope: BookScopeData,
  min_score_move: z.number().int(),
  movers: z.array(
    z.object({
      account_id: z.string(),
      name: z.string(),
      from_tier: z.string(),
      to_tier: z.string(),
      score_from: z.number().int(),
      score_to: z.number().int(),
      score_change: z.number().int(),
      direction: z.enum(['up', 'down']),
      why: z.array(z.string()),
    }),
  ),
});
export type MoversData = z.infer<typeof MoversData>;

/** Terminal text for what changed. Pure. */
export function renderMovers(data: MoversData): string {
  const book = data.scope.book === 'csm' ? `${data.scope.csm}'s book` : 'every book';
  const head = `What changed — ${book}, ${data.since} to ${data.as_of} (${data.days} days)`;
  if (data.movers.length === 0)
    return `${head}\nNo account changed tier or moved ${data.min_score_move}+ points. (Snapshots come from the daily run or cse score --all.)`;
  return [
    head,
    ...data.movers.map(
      (m) =>
        `${m.direction === 'down' ? '▼' : '▲'} ${m.name}: ${m.score_from}→${m.score_to} (${m.score_change > 0 ? '+' : ''}${m.score_change})${
          m.from_tier === m.to_tier ? `, still ${m.to_tier}` : `, ${m.from_tier} → ${m.to_tier}`
        }${m.why.length > 0 ? ` — ${m.why.join('; ')}` : ''}`,
    ),
  ].join('\n');
}
