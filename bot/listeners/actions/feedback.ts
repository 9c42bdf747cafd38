import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { renderDecideDuplicate } from '../../../commands/decide-duplicate/render.ts';
import type { ResolveFeedbackData } from '../../../commands/resolve-feedback/command.ts';
import { type AnswerData, run } from '../../../commands/router.ts';
import { type SlackDeps, slackContext } from '../../answer-flow.ts';
import { FEEDBACK_ACTION, parseSuggestionValue } from '../../feedback-actions.ts';
import { errorMessage } from '../../render/error-message.ts';
import { roadmapModal } from '../../render/roadmap-modal.ts';
import { escapeMrkdwn, mrkdwnMessage, textMessage } from '../../render/slack-limits.ts';
import { type Outbox, postCustomerDrafts } from '../customer-drafts.ts';
import { clickedBy } from './reply.ts';

type Click = BlockAction<ButtonAction> | BlockAction<StaticSelectAction>;

/** The feedback writes a button makes. */
type FeedbackWrite =
  | 'acknowledge_feedback'
  | 'resolve_feedback'
  | 'reassign_feedback'
  | 'unmerge_feedback'
  | 'decide_duplicate';

/**
 * One feedback button: who clicked, then the write command through the router (which
 * authorises the item named by the button's value and audits the click), then the reply.
 */
async function feedbackWrite<I extends FeedbackWrite>(
  deps: SlackDeps,
  args: {
    body: Click;
    client: Parameters<typeof clickedBy>[2];
    respond: unknown;
    intent: I;
    values: Record<string, unknown> | null;
    reply: (data: AnswerData<I>, by: string) => string;
    /** What follows the reply (the closed-loop drafts after a resolve). */
    followUp?: (ctx: ReturnType<typeof slackContext>, data: AnswerData<I>, outbox: Outbox) => Promise<void>;
  },
): Promise<void> {
  const who = await clickedBy(deps, args.body, args.client, args.respond);
  if (!who) return;
  const ctx = slackContext(deps, who.actor, args.body.channel?.id);
  if (!args.values) {
    await who.outbox.post(textMessage('That choice is out of date.'));
    return;
  }
  try {
    const answer = await run(ctx, args.intent, args.values);
    // The reply is mrkdwn with a live mention of who clicked; each reply escapes what it quotes.
    await who.outbox.post(mrkdwnMessage(args.reply(answer.data, `<@${escapeMrkdwn(args.body.user.id)}>`)));
    await args.followUp?.(ctx, answer.data, who.outbox);
  } catch (error) {
    await who.outbox.post(errorMessage(error));
  }
}

/** After a resolve: one closed-loop draft per account asking, each authorised on its own. */
const closedLoopDrafts = (ctx: ReturnType<typeof slackContext>, data: ResolveFeedbackData, outbox: Outbox) =>
  postCustomerDrafts(ctx, 'closed_loop', data.accounts, outbox);

/** What one button writes: its command, the arguments its value names, the reply, and what follows. */
interface ButtonWrite<I extends FeedbackWrite> {
  intent: I;
  values: (value: string | undefined) => Record<string, unknown> | null;
  reply: (data: AnswerData<I>, by: string) => string;
  followUp?: (ctx: ReturnType<typeof slackContext>, data: AnswerData<I>, outbox: Outbox) => Promise<void>;
}

/** A button whose click runs one feedback write (through feedbackWrite: authorised, audited, answered). */
function onButton<I extends FeedbackWrite>(
  app: App,
  deps: SlackDeps,
  actionId: string,
  write: ButtonWrite<I>,
): void {
  app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
    await ack();
    const { values, ...rest } = write;
    await feedbackWrite(deps, { body, client, respond, ...rest, values: values(action.value) });
  });
}

const item = (value: string | undefined) => (value ? { feedback_id: value } : null);

/** Buttons on feedback notifications: Acknowledge, Resolve (with closed-loop drafts), Link to roadmap, Reassign, Not a duplicate, and Merge / Not a duplicate on suggestions. */
export function registerFeedbackActions(app: App, deps: SlackDeps): void {
  onButton(app, deps, FEEDBACK_ACTION.acknowledge, {
    intent: 'acknowledge_feedback',
    values: item,
    reply: (d, by) =>
      d.changed ? `Acknowledged by ${by}: the SLA clock stops escalating.` : 'This item is already resolved.',
  });
  onButton(app, deps, FEEDBACK_ACTION.resolve, {
    intent: 'resolve_feedback',
    values: item,
    reply: (d, by) =>
      d.resolved.length === 0
        ? 'This request is already resolved.'
        : `Resolved by ${by}: ${d.resolved.length} item(s) from ${d.accounts.length} account(s). Closed-loop drafts for the customers follow.`,
    followUp: closedLoopDrafts,
  });
  // Link to roadmap opens its modal; the link is made (and authorised) when the modal is submitted.
  app.action<BlockAction<ButtonAction>>(
    FEEDBACK_ACTION.linkRoadmap,
    async ({ ack, body, action, client }) => {
      await ack();
      if (!action.value) return;
      await client.views.open({
        trigger_id: body.trigger_id,
        view: roadmapModal({ feedback_id: action.value, channel: body.channel?.id ?? null }),
      });
    },
  );
  app.action<BlockAction<StaticSelectAction>>(
    FEEDBACK_ACTION.reassign,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const [feedbackId, owner] = action.selected_option.value.split('|');
      await feedbackWrite(deps, {
        body,
        client,
        respond,
        intent: 'reassign_feedback',
        values: feedbackId && owner ? { feedback_id: feedbackId, owner } : null,
        reply: (d, by) =>
          d.changed ? `Reassigned to ${escapeMrkdwn(d.owner)} by ${by}.` : 'This item is already resolved.',
      });
    },
  );
  onButton(app, deps, FEEDBACK_ACTION.notDuplicate, {
    intent: 'unmerge_feedback',
    values: item,
    reply: (d) =>
      d.from
        ? `Separated ${escapeMrkdwn(d.feedback_id)} from ${escapeMrkdwn(d.from)}: it is its own request now and will not be merged into it again.`
        : 'This item is not merged into another one.',
  });
  for (const [actionId, decision] of [
    [FEEDBACK_ACTION.mergeSuggested, 'merged'],
    [FEEDBACK_ACTION.notDuplicateSuggested, 'not_duplicate'],
  ] as const)
    onButton(app, deps, actionId, {
      intent: 'decide_duplicate',
      values: (value) => {
        const pair = parseSuggestionValue(value);
        return pair ? { ...pair, decision } : null;
      },
      reply: (d, by) => `${escapeMrkdwn(renderDecideDuplicate(d))} (${by})`,
    });
}
