import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import { accountsCsv, accountsPage } from '../../../commands/accounts/render.ts';
import { run } from '../../../commands/router.ts';
import { ACTION, decodeValue, ListCsvValue } from '../../actions.ts';
import { deliver, type SlackDeps, slackContext } from '../../answer-flow.ts';
import { escapeMrkdwn, type SlackMessage, textMessage } from '../../render/slack-limits.ts';
import { clickedBy } from './reply.ts';

/** Where the file goes: the answer's thread, or the clicker's DM when the answer was only theirs (ephemeral). */
async function fileDestination(
  body: BlockAction,
  client: webApi.WebClient,
): Promise<{ channel: string; threadTs?: string }> {
  const message = body.message as { ts?: string; thread_ts?: string } | undefined;
  const channel = body.channel?.id;
  if (!body.container?.is_ephemeral && message?.ts && channel)
    return { channel, threadTs: message.thread_ts ?? message.ts };
  const opened = await client.conversations.open({ users: body.user.id });
  const dm = opened.channel?.id;
  if (!dm) throw new Error('Slack did not open a DM for the CSV');
  return { channel: dm };
}

/**
 * The CSV button of an account list: the list runs again through the router for whoever clicked
 * (their access decides), from its first row, and the whole of it is uploaded as a file
 * (files.uploadV2). The reply says what the file holds, or why there is none.
 */
export function registerListCsv(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ACTION.listCsv, async ({ ack, body, action, client, respond }) => {
    await ack();
    const who = await clickedBy(deps, body, client, respond);
    if (!who) return;
    const ctx = slackContext(deps, who.actor, body.channel?.id);
    await deliver(deps, who.outbox, 'CSV of the list', async (): Promise<SlackMessage> => {
      const v = decodeValue(ListCsvValue, action.value);
      if (!v) return textMessage('That button is out of date. Ask for the list again.');
      const answer = await run(ctx, 'accounts', { ...v.args, offset: 0 });
      const { title } = accountsPage(answer.data);
      const where = await fileDestination(body, client);
      const file = {
        filename: `accounts-${answer.data.as_of}.csv`,
        title: `Accounts (${answer.data.total}), as of ${answer.data.as_of}`,
        content: accountsCsv(answer.data),
        initial_comment: escapeMrkdwn(
          `${title}\nUnderstood: ${answer.data.understood}\nReproduce: ${answer.provenance.reproduce} --csv`,
        ),
      };
      await client.files.uploadV2(
        where.threadTs
          ? { ...file, channel_id: where.channel, thread_ts: where.threadTs }
          : { ...file, channel_id: where.channel },
      );
      return textMessage(
        `${escapeMrkdwn(title)}: the CSV of all ${answer.data.total} rows is ${where.threadTs ? 'in this thread' : 'in your DM with me'}.`,
      );
    });
  });
}
