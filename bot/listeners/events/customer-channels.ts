import type { App } from '@slack/bolt';
import type { LogFeedbackData } from '../../../commands/log-feedback/command.ts';
import { run } from '../../../commands/router.ts';
import { clockFields } from '../../../core/clock.ts';
import { findChannel, findMessage, sideContextOf } from '../../../facts/signals.ts';
import { type ChannelHistoryReader, lookupAuthors } from '../../../jobs/channel-backfill.ts';
import { configuredDetector, recordMessagesIn } from '../../../jobs/customer-signals.ts';
import { checkResponseSla } from '../../../jobs/evaluate-alerts.ts';
import { deleteMessage, forgetTexts } from '../../../records/signals.ts';
import { isSpeech, messageRow, type SlackMessage } from '../../../tools/signals/channel-messages.ts';
import { auditUnknownUser, type SlackDeps, slackContext } from '../../answer-flow.ts';
import { channelFeedback } from '../../channel-feedback.ts';
import { slackChannelReader } from '../../channel-reader.ts';
import { errorMessage } from '../../render/error-message.ts';
import { feedbackIdOfMessage, loggedWords } from '../../render/feedback-notice.ts';
import { slackActor } from '../../slack-actor.ts';

type MessageEvent = SlackMessage & {
  channel: string;
  channel_type?: string;
  message?: SlackMessage;
  previous_message?: SlackMessage;
  deleted_ts?: string;
};

/**
 * Messages of linked customer channels, as they are said: stored with their side and thread and
 * read for signals at once; an edit replaces the text and what was found in it; a delete removes
 * both. Messages of channels not linked to an account are never stored.
 */
export function registerCustomerMessages(app: App, deps: SlackDeps): void {
  const detector = configuredDetector(deps.config, deps.llm, deps.logger);
  // One reader for the process: each author is looked up once.
  let reader: ChannelHistoryReader | null = null;
  const toFeedback = channelFeedback(deps);
  app.event('message', async ({ event, client, body }) => {
    const e = event as unknown as MessageEvent;
    if (e.channel_type !== 'channel' && e.channel_type !== 'group') return;
    const channel = await findChannel(deps.db, e.channel);
    if (!channel) return;
    const now = deps.clock.now().toISOString();
    if (e.subtype === 'message_deleted' && e.deleted_ts) {
      const ts = e.deleted_ts;
      await deps.db.transaction(async (tx) => {
        await deleteMessage(tx, e.channel, ts);
        await forgetTexts(tx, 'slack', [`${e.channel}:${ts}`]);
      });
      return;
    }
    const said = e.subtype === 'message_changed' ? e.message : e;
    if (!said || !isSpeech(said)) return;
    reader ??= slackChannelReader(client);
    const ourTeam = (body as { team_id?: string }).team_id ?? null;
    const context = await sideContextOf(deps.db, channel.account_id, ourTeam);
    const authors = await lookupAuthors((id) => (reader as ChannelHistoryReader).author(id), [said]);
    const row = messageRow(said, { channel: e.channel, accountId: channel.account_id }, authors, context);
    const { asks } = await deps.db.transaction((tx) => recordMessagesIn(tx, [row], now, detector));
    // A request or a bug the customer wrote goes to the feedback loop, like any feedback.
    if (asks.length > 0) await toFeedback(asks);
    // Our team answered: a question that had passed its SLA stops being an alert now.
    if (row.side === 'team')
      await checkResponseSla(deps.db, [channel.account_id], clockFields(deps.clock).today, now);
  });
}

/**
 * A reaction (default :memo:, CSE_FEEDBACK_REACTION) on a message of a linked channel logs it as
 * the account's feedback, as the person who reacted: through the router, authorised and audited,
 * and once per message whichever way it is logged (the shortcut uses the same id).
 */
export function registerFeedbackReaction(app: App, deps: SlackDeps): void {
  app.event('reaction_added', async ({ event, client }) => {
    if (event.reaction !== deps.config.CSE_FEEDBACK_REACTION || event.item.type !== 'message') return;
    const { channel: channelId, ts } = event.item;
    const channel = await findChannel(deps.db, channelId);
    if (!channel) return;
    const message = await findMessage(deps.db, channelId, ts);
    const tell = (text: string) =>
      client.chat.postEphemeral({ channel: channelId, user: event.user, text }).then(() => undefined);
    if (!message)
      return tell(
        'I have not stored that message (it is older than the channel’s back-fill); use the Log as customer feedback shortcut.',
      );
    const actor = await slackActor(deps.db, client, event.user, deps.logger);
    if (!actor)
      return void (await auditUnknownUser(deps, event.user, { channel: channelId, intent: 'log_feedback' }));
    try {
      const answer = await run(slackContext(deps, actor, channelId), 'log_feedback', {
        account: channel.account_id,
        text: message.text,
        source: 'slack',
        ...(message.author_name ? { author: message.author_name } : {}),
        external_id: feedbackIdOfMessage(channelId, ts),
        created_at: message.at,
      });
      await tell(loggedWords(answer.data as LogFeedbackData));
    } catch (error) {
      await client.chat.postEphemeral({ channel: channelId, user: event.user, ...errorMessage(error) });
    }
  });
}
