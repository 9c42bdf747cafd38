import { z } from 'zod';
import { setRoadmapStatus } from '../../records/roadmap.ts';
import { defineCommand } from '../registry-types.ts';
import { RoadmapKeyArg, RoadmapStatusArg, storedRoadmapItem } from '../roadmap-args.ts';
import { ROADMAP_DEFINITIONS, RoadmapItemData, roadmapItemData, StatusChange } from '../roadmap-facts.ts';
import { renderSetRoadmapStatus } from './render.ts';

export const SetRoadmapStatusArgs = z.object({ roadmap: RoadmapKeyArg, status: RoadmapStatusArg }).strict();

export const SetRoadmapStatusData = z.object({
  /** Null when the item already had that status: nothing changed. */
  change: StatusChange.nullable(),
  item: RoadmapItemData,
});
export type SetRoadmapStatusData = z.infer<typeof SetRoadmapStatusData>;

export const setRoadmapStatusCommand = defineCommand({
  intent: 'set_roadmap_status',
  title: 'Roadmap status',
  summary:
    'Moves a roadmap item through under review → planned → in progress → shipped; the change is posted to its owner channel, and shipping lists every account that asked with its release email',
  examples: [],
  triggers: null,
  render: renderSetRoadmapStatus,
  account: 'none',
  access: { area: 'feedback_queue', write: true, target: 'portfolio' },
  args: SetRoadmapStatusArgs,
  result: SetRoadmapStatusData,
  async run(ctx, args) {
    const stored = await storedRoadmapItem(ctx, args.roadmap);
    const change = await ctx.db.transaction((tx) =>
      setRoadmapStatus(tx, stored.roadmap_key, args.status, ctx.now, ctx.actor.id),
    );
    const item = await roadmapItemData(ctx, stored.roadmap_key, ctx.today);
    return {
      data: {
        change: change ? { from: change.from_status, to: change.to_status } : null,
        item,
      },
      asOf: ctx.today,
      definitions: ROADMAP_DEFINITIONS,
    };
  },
});
