import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { run } from '../../../commands/router.ts';
import type { UpdateAlertData } from '../../../commands/update-alert/command.ts';
import { type AlertRuleId, alertDelivery, alertRules } from '../../../knowledge/alert-rules.ts';
import { ALERT_ACTION, parseAlertChoice } from '../../alert-actions.ts';
import { type SlackDeps, slackContext } from '../../answer-flow.ts';
import { answerMessage } from '../../render/answer-message.ts';
import { errorMessage } from '../../render/error-message.ts';
import { escapeMrkdwn, mrkdwnMessage, textMessage } from '../../render/slack-limits.ts';
import { clickedBy } from './reply.ts';

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
    const data = answer.data;
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

/** What a click on an alert control carries: a button's value, a menu's option, a date picker's day. */
interface AlertClick {
  value?: string;
  selected_option?: { value: string };
  selected_date?: string;
  block_id?: string;
}

const snoozed = (d: UpdateAlertData, by: string) =>
  d.alert.snoozed_until_inputs_change
    ? `Snoozed by ${by} until its inputs change: quiet while ${escapeMrkdwn(d.alert.account)} stays as it is now.`
    : `Snoozed by ${by} until ${d.alert.snoozed_until}.`;

/** Each control: the update_alert args it asks for (null when its value is unreadable) and the reply. */
const CONTROLS: Record<
  string,
  {
    args: (a: AlertClick) => Record<string, unknown> | null;
    reply: (d: UpdateAlertData, by: string, a: AlertClick) => string;
  }
> = {
  [ALERT_ACTION.acknowledge]: {
    args: (a) => (a.value ? { alert_id: a.value, action: 'acknowledge' } : null),
    reply: (d, by) =>
      `Acknowledged by ${by}: ${escapeMrkdwn(d.alert.account)} — ${escapeMrkdwn(d.alert.rule_label)}. It will not escalate.`,
  },
  [ALERT_ACTION.snooze]: {
    args: (a) => {
      const choice = parseAlertChoice(a.selected_option?.value);
      return choice ? { alert_id: choice.alert_id, action: 'snooze', until: choice.choice } : null;
    },
    reply: snoozed,
  },
  [ALERT_ACTION.snoozeUntil]: {
    // The date picker's block is `alert_<id>`: the id comes from there, the day from the picker.
    args: (a) => {
      const id = a.block_id?.startsWith('alert_') ? a.block_id.slice('alert_'.length) : null;
      return id && a.selected_date ? { alert_id: id, action: 'snooze', until: a.selected_date } : null;
    },
    reply: snoozed,
  },
  [ALERT_ACTION.playbook]: {
    args: (a) => (a.value ? { alert_id: a.value, action: 'playbook_opened' } : null),
    reply: (d, by) =>
      `${by} opened the play for ${escapeMrkdwn(d.alert.account)}: ${d.alert.playbook.replaceAll('_', ' ')}.`,
  },
  [ALERT_ACTION.notUseful]: {
    args: (a) => {
      const choice = parseAlertChoice(a.selected_option?.value);
      return choice ? { alert_id: choice.alert_id, action: 'not_useful', reason: choice.choice } : null;
    },
    reply: (_d, by, a) =>
      `Thanks ${by}: marked not useful (${escapeMrkdwn(alertDelivery().not_useful_reasons[parseAlertChoice(a.selected_option?.value)?.choice ?? ''] ?? '')}). It counts in cse alerts backtest.`,
  },
};

/**
 * Controls on alert DMs: Acknowledge, Snooze (a number of days, a date, or until the inputs
 * change), Open playbook, Not useful. Every one is `update_alert` through the router.
 */
export function registerAlertActions(app: App, deps: SlackDeps): void {
  for (const [actionId, control] of Object.entries(CONTROLS))
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const click = action as unknown as AlertClick;
      await alertWrite(deps, body, client, respond, control.args(click), (d, by) =>
        control.reply(d, by, click),
      );
    });
}
