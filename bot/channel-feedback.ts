import type { Actor } from '../commands/context.ts';
import { run } from '../commands/router.ts';
import type { ChannelFeedback } from '../jobs/customer-signals.ts';
import { type SlackDeps, slackContext } from './answer-flow.ts';
import { feedbackIdOfMessage } from './render/feedback-notice.ts';

/** Who logs what a customer asked for in their channel: the channel itself, like an API client. */
const CHANNEL_ACTOR: Actor = { id: 'customer-channel', user: null, role: 'api' };

/**
 * Requests and bugs said in customer channels become the account's feedback (source `slack`),
 * through the router like any item: stored once per message (the shortcut and the reaction use
 * the same id), then deduplicated, tagged and routed to an owner with an SLA. A message that
 * cannot be logged is logged about, and the others go on.
 */
export function channelFeedback(deps: SlackDeps): ChannelFeedback {
  return async (messages) => {
    let logged = 0;
    for (const m of messages) {
      try {
        const answer = await run(slackContext(deps, CHANNEL_ACTOR, m.channel_id), 'log_feedback', {
          account: m.account_id,
          text: m.text,
          source: 'slack',
          ...(m.author_name ? { author: m.author_name } : {}),
          external_id: feedbackIdOfMessage(m.channel_id, m.ts),
          created_at: m.at,
        });
        if (answer.intent === 'log_feedback' && answer.data.status === 'accepted') logged += 1;
      } catch (error) {
        deps.logger.warn(
          { channel: m.channel_id, err: (error as Error).message },
          'a channel request could not be logged as feedback',
        );
      }
    }
    return logged;
  };
}
