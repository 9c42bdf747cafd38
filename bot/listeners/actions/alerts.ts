import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { run } from '../../../commands/router';
import type { UpdateAlertData } from '../../../commands/update-alert';
import { type AlertRuleId, alertDelivery, alertRules } from '../../../knowledge/alert-rules';
import { ALERT_ACTION, parseAlertChoice } from '../../alert-actions';
import { type SlackDeps, slackContext } from '../../answer-flow';
import { answerMessage } from '../../render/answer-message';
import { errorMessage } from '../../render/error-message';
import { escapeMrkdwn, mrkdwnMessage, textMessage } from '../../render/slack-limits';
import { clickedBy } from './reply';

type Click = BlockAction<ButtonAction> | BlockAction<StaticSelectAction>;

/**
 * One alert button: who clicked, then `update_alert` through the router (which authorises the
 * account of the alert named by the value, whatever the value says, and audits the click).
 */
async function alertWrite(
  deps: SlackDeps,
  body: Click,
  client: Parameters<typeof clickedBy>[2],
  respond: unknown,
  args: Record<string, unknown> | null,
  reply: (d: UpdateAlertData, by: string) => string,
): Promise<ReturnType<typeof slackContext> | null> {
  const who = await clickedBy(deps, body, client, respond);
  if (!who) return null;
  const ctx = slackContext(deps, who.actor, body.channel?.id);
  if (!args) {
    await who.outbox.post(textMessage('That choice is out of date.'));
    return null;
  }
  try {
    const answer = await run(ctx, 'update_alert', args);
    const data = answer.data as UpdateAlertData;
    await who.outbox.post(
      mrkdwnMessage(
        data.changed
          ? reply(data, `<@${escapeMrkdwn(body.user.id)}>`)
          : `${data.alert.alert_id} is already resolved.`,
      ),
    );
    if (args.action === 'playbook_opened' && data.changed) {
      // The play runs as the person who clicked, authorised like any question.
      const kind = alertRules().rules[data.alert.rule as AlertRuleId]?.email_kind;
      const playArgs: Record<string, unknown> = { account: data.alert.account_id, ...(kind ? { kind } : {}) };
      await who.outbox.post(answerMessage(await run(ctx, data.alert.playbook, playArgs)));
    }
    return ctx;
  } catch (error) {
    await who.outbox.post(errorMessage(error));
    return null;
  }
}

/** Buttons on alert DMs: Acknowledge, Snooze (until a date or until the inputs change), Open playbook, Not useful. */
export function registerAlertActions(app: App, deps: SlackDeps): void {
  const reasons = () => alertDelivery().not_useful_reasons;
  app.action<BlockAction<ButtonAction>>(
    ALERT_ACTION.acknowledge,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      await alertWrite(
        deps,
        body,
        client,
        respond,
        action.value ? { alert_id: action.value, action: 'acknowledge' } : null,
        (d, by) =>
          `Acknowledged by ${by}: ${escapeMrkdwn(d.alert.account)} — ${escapeMrkdwn(d.alert.rule_label)}. It will not escalate.`,
      );
    },
  );
  app.action<BlockAction<StaticSelectAction>>(
    ALERT_ACTION.snooze,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const choice = parseAlertChoice(action.selected_option?.value);
      await alertWrite(
        deps,
        body,
        client,
        respond,
        choice ? { alert_id: choice.alert_id, action: 'snooze', until: choice.choice } : null,
        (d, by) =>
          d.alert.snoozed_until_inputs_change
            ? `Snoozed by ${by} until its inputs change: quiet while ${escapeMrkdwn(d.alert.account)} stays as it is now.`
            : `Snoozed by ${by} until ${d.alert.snoozed_until}.`,
      );
    },
  );
  app.action<BlockAction<ButtonAction>>(
    ALERT_ACTION.playbook,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      await alertWrite(
        deps,
        body,
        client,
        respond,
        action.value ? { alert_id: action.value, action: 'playbook_opened' } : null,
        (d, by) =>
          `${by} opened the play for ${escapeMrkdwn(d.alert.account)}: ${d.alert.playbook.replaceAll('_', ' ')}.`,
      );
    },
  );
  app.action<BlockAction<StaticSelectAction>>(
    ALERT_ACTION.notUseful,
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const choice = parseAlertChoice(action.selected_option?.value);
      await alertWrite(
        deps,
        body,
        client,
        respond,
        choice ? { alert_id: choice.alert_id, action: 'not_useful', reason: choice.choice } : null,
        (_d, by) =>
          `Thanks ${by}: marked not useful (${escapeMrkdwn(reasons()[String(choice?.choice)] ?? '')}). It counts in cse alerts backtest.`,
      );
    },
  );
}
