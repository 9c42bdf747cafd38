import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { run } from '../../../commands/router';
import { FEEDBACK_OWNERS } from '../../../knowledge/feedback-themes';
import { resolveRequest } from '../../../store/repositories/feedback-notices';
import { setFeedbackState, unmergeFeedback } from '../../../store/repositories/feedback-reports';
import { type SlackDeps, slackContext } from '../../answer-flow';
import { FEEDBACK_ACTION } from '../../feedback-actions';
import { answerMessage } from '../../render/answer-message';
import { errorMessage } from '../../render/error-message';
import { textMessage } from '../../render/slack-limits';
import { clickedBy } from './reply';

const CLOSED_LOOP_DRAFTS = 5;

/** Buttons on feedback notifications: Acknowledge, Resolve (with closed-loop drafts), Reassign, Not a duplicate. */
export function registerFeedbackActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    FEEDBACK_ACTION.acknowledge,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const who = await clickedBy(deps, body, client, respond);
      if (!who) return;
      const { outbox } = who;
      const done = await setFeedbackState(deps.db, action.value ?? '', { status: 'acknowledged' });
      await outbox.post(
        textMessage(
          done
            ? `Acknowledged by <@${body.user.id}>: the SLA clock stops escalating.`
            : 'This item is already resolved or unknown.',
        ),
      );
    },
  );

  app.action<BlockAction<ButtonAction>>(
    FEEDBACK_ACTION.resolve,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const who = await clickedBy(deps, body, client, respond);
      if (!who) return;
      const { outbox, actor } = who;
      const items = await resolveRequest(deps.db, action.value ?? '');
      if (items.length === 0) {
        await outbox.post(textMessage('This request is already resolved.'));
        return;
      }
      const accounts = [...new Map(items.map((i) => [i.account_id, i.feedback_id])).entries()];
      await outbox.post(
        textMessage(
          `Resolved by <@${body.user.id}>: ${items.length} item(s) from ${accounts.length} account(s). Closed-loop drafts for the customers follow.`,
        ),
      );
      const ctx = slackContext(deps, actor, body.channel?.id);
      for (const [account, feedbackId] of accounts.slice(0, CLOSED_LOOP_DRAFTS)) {
        try {
          await outbox.post(
            answerMessage(
              await run(ctx, 'draft_email', { account, kind: 'closed_loop', feedback_id: feedbackId }),
            ),
          );
        } catch (error) {
          await outbox.post(errorMessage(error));
        }
      }
      if (accounts.length > CLOSED_LOOP_DRAFTS)
        await outbox.post(
          textMessage(
            `${accounts.length - CLOSED_LOOP_DRAFTS} more account(s): draft theirs with "draft closed loop email for <account>".`,
          ),
        );
    },
  );

  app.action<BlockAction<StaticSelectAction>>(
    FEEDBACK_ACTION.reassign,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const who = await clickedBy(deps, body, client, respond);
      if (!who) return;
      const { outbox } = who;
      const [feedbackId, owner] = action.selected_option.value.split('|');
      if (!feedbackId || !owner || !(FEEDBACK_OWNERS as readonly string[]).includes(owner)) {
        await outbox.post(textMessage('That choice is out of date.'));
        return;
      }
      const done = await setFeedbackState(deps.db, feedbackId, { reassignTo: owner });
      await outbox.post(
        textMessage(
          done
            ? `Reassigned to ${owner} by <@${body.user.id}>.`
            : 'This item is already resolved or unknown.',
        ),
      );
    },
  );

  app.action<BlockAction<ButtonAction>>(
    FEEDBACK_ACTION.notDuplicate,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const who = await clickedBy(deps, body, client, respond);
      if (!who) return;
      const { outbox } = who;
      const result = await unmergeFeedback(deps.db, action.value ?? '');
      await outbox.post(
        textMessage(
          result
            ? `Separated ${action.value} from ${result.from}: it is its own request now and will not be merged into it again.`
            : 'This item is not merged into another one.',
        ),
      );
    },
  );
}
