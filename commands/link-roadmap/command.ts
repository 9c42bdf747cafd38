import { z } from 'zod';
import { CseError, ErrorCode } from '../../core/errors.ts';
import { getFeedback } from '../../facts/feedback.ts';
import { requestOwner } from '../../facts/roadmap.ts';
import {
  ensureRoadmapItem,
  linkRequest,
  recordRoadmapChange,
  setRoadmapStatus,
} from '../../records/roadmap.ts';
import { defangCustomerText } from '../../tools/text/customer-text.ts';
import { excerpt } from '../../tools/text/excerpt.ts';
import { FeedbackItemArgs } from '../feedback-item-arg.ts';
import { defineCommand } from '../registry-types.ts';
import { RoadmapKeyArg, RoadmapStatusArg } from '../roadmap-args.ts';
import { ROADMAP_DEFINITIONS, RoadmapItemData, roadmapItemData, StatusChange } from '../roadmap-facts.ts';
import { renderLinkRoadmap } from './render.ts';

const TITLE = 80;

export const LinkRoadmapArgs = FeedbackItemArgs.extend({
  roadmap: RoadmapKeyArg,
  status: RoadmapStatusArg.optional(),
  title: z.string().trim().min(1).max(200).optional(),
}).strict();

export const LinkRoadmapData = z.object({
  feedback_id: z.string(),
  /** True when this link made the roadmap item. */
  created: z.boolean(),
  /** The item the request was on before, when the link moved it. */
  moved_from: z.string().nullable(),
  change: StatusChange.nullable(),
  item: RoadmapItemData,
});
export type LinkRoadmapData = z.infer<typeof LinkRoadmapData>;

export const linkRoadmap = defineCommand({
  intent: 'link_roadmap',
  title: 'Link to roadmap',
  summary:
    'Links a customer request (and every item merged into it) to a roadmap item, creating the item when new; --status sets its status (support, leaders and admins)',
  examples: [],
  triggers: null,
  render: renderLinkRoadmap,
  account: 'none',
  // A link is a change to the request: every account on it must be the asker's. A status moves
  // the whole roadmap item, for every account that asked: a role's right, as set_roadmap_status.
  access: (args) =>
    args.status === undefined
      ? { area: 'feedback_queue', write: true, target: 'feedback_request' }
      : {
          area: 'feedback_queue',
          write: true,
          target: 'portfolio',
          refusal: {
            title: "A roadmap item's status",
            hint: 'Link the request without a status, or ask support or a CS leader to set it.',
          },
        },
  args: LinkRoadmapArgs,
  result: LinkRoadmapData,
  async run(ctx, args) {
    const result = await ctx.db.transaction(async (tx) => {
      const request = await getFeedback(tx, args.feedback_id);
      if (!request) throw new CseError(ErrorCode.NotFound, `No feedback item ${args.feedback_id}`);
      if (request.canonical_id)
        throw new CseError(
          ErrorCode.BadInput,
          `${args.feedback_id} is merged into ${request.canonical_id}: link the request itself`,
          { hint: `cse feedback link ${request.canonical_id} --roadmap ${args.roadmap}` },
        );
      const status = args.status ?? 'under_review';
      const { item, created } = await ensureRoadmapItem(tx, {
        roadmap_key: args.roadmap,
        // The customer's words make a default title, without their links or addresses.
        title: args.title ?? excerpt(defangCustomerText(request.text), TITLE),
        owner: await requestOwner(tx, request.feedback_id),
        status,
        at: ctx.now,
      });
      const link = await linkRequest(tx, request.feedback_id, item.roadmap_key, ctx.now, ctx.actor.id);
      const change = created
        ? await recordRoadmapChange(tx, item.roadmap_key, null, status, ctx.now, ctx.actor.id)
        : args.status
          ? await setRoadmapStatus(tx, item.roadmap_key, args.status, ctx.now, ctx.actor.id)
          : null;
      return { key: item.roadmap_key, created, moved_from: link.moved_from, change };
    });
    const item = await roadmapItemData(ctx, result.key, ctx.today);
    return {
      data: {
        feedback_id: args.feedback_id,
        created: result.created,
        moved_from: result.moved_from,
        change: result.change ? { from: result.change.from_status, to: result.change.to_status } : null,
        item,
      },
      asOf: ctx.today,
      definitions: ROADMAP_DEFINITIONS,
    };
  },
});
