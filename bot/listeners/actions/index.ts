import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { run } from '../../../commands/router.ts';
import {
  ACTION,
  DraftEmailValue,
  decodeDisagree,
  decodeValue,
  PageValue,
  PickAccountValue,
  RerunValue,
} from '../../actions.ts';
import { actorOrExplain, deliver, responseOutbox, type SlackDeps, slackContext } from '../../answer-flow.ts';
import { answerMessage, detailsMessage } from '../../render/answer-message.ts';
import { textMessage } from '../../render/slack-limits.ts';
import { registerAlertActions } from './alerts.ts';
import { registerFeedbackActions } from './feedback.ts';
import { registerListCsv } from './list-csv.ts';
import { clickedBy, type Respond } from './reply.ts';

const stale = textMessage('That button is out of date. Ask the question again.');

/** Buttons and menus on answers: Show details / Show more, Draft email, Did you mean, Disagree. */
export function register(app: App, deps: SlackDeps): void {
  registerFeedbackActions(app, deps);
  registerAlertActions(app, deps);
  registerListCsv(app, deps);
  const handle = (
    actionId: string | RegExp,
    work: (
      ctx: ReturnType<typeof slackContext>,
      raw: string | undefined,
    ) => Promise<ReturnType<typeof answerMessage> | null>,
  ) =>
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const who = await clickedBy(deps, body, client, respond);
      if (!who) return;
      const { outbox, actor } = who;
      const ctx = slackContext(deps, actor, body.channel?.id);
      await deliver(deps, outbox, action.text.text, async () => (await work(ctx, action.value)) ?? stale);
    });

  handle(ACTION.page, async (ctx, raw) => {
    const v = decodeValue(PageValue, raw);
    if (!v) return null;
    const answer = await run(ctx, v.intent, { ...v.args, ...(v.account ? { account: v.account } : {}) });
    return detailsMessage(answer, v.page);
  });

  handle(ACTION.draftEmail, async (ctx, raw) => {
    const v = decodeValue(DraftEmailValue, raw);
    if (!v) return null;
    return answerMessage(await run(ctx, 'draft_email', { account: v.account, kind: v.kind, as_of: v.as_of }));
  });

  handle(new RegExp(`^${ACTION.pickAccount}`), async (ctx, raw) => {
    const v = decodeValue(PickAccountValue, raw);
    if (!v) return null;
    return answerMessage(await run(ctx, v.intent, { ...v.args, account: v.account }));
  });

  handle(new RegExp(`^${ACTION.rerun}`), async (ctx, raw) => {
    const v = decodeValue(RerunValue, raw);
    if (!v) return null;
    return answerMessage(
      await run(ctx, v.intent, { ...v.args, ...(v.account ? { account: v.account } : {}) }),
    );
  });

  app.action<BlockAction<StaticSelectAction>>(
    ACTION.disagree,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const outbox = responseOutbox(respond as Respond);
      const actor = await actorOrExplain(deps, client, body.user.id, body.channel?.id, null, outbox);
      if (!actor) return;
      const choice = decodeDisagree(action.selected_option.value);
      if (!choice) {
        await outbox.post(stale);
        return;
      }
      // Only the account, day and reason are taken from the menu: the router authorises the
      // account, and the command computes the score again rather than trusting the menu's.
      const ctx = slackContext(deps, actor, body.channel?.id);
      await deliver(deps, outbox, 'Disagree', async () => {
        const answer = await run(ctx, 'disagree_score', {
          account: choice.account,
          as_of: choice.as_of,
          reason: choice.reason,
        });
        const data = answer.data;
        return textMessage(
          `Thanks — noted that you disagree with the ${data.score}/100 (${data.tier}) score as of ${data.as_of}: ${data.reason_text}. Disagreements feed the health model's calibration.`,
        );
      });
    },
  );
}
