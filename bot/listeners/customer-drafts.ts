import { run } from '../../commands/router.ts';
import type { slackContext } from '../answer-flow.ts';
import { answerMessage } from '../render/answer-message.ts';
import { errorMessage } from '../render/error-message.ts';
import { textMessage } from '../render/slack-limits.ts';

const DRAFTS = 5;

export type Outbox = { post: (m: ReturnType<typeof textMessage>) => Promise<unknown> };

/**
 * One customer email draft per account (closed loop after a resolve, release note after a ship),
 * each through the router so each account is authorised on its own; the first five are written
 * out, the rest named with the ask that drafts theirs.
 */
export async function postCustomerDrafts(
  ctx: ReturnType<typeof slackContext>,
  kind: 'closed_loop' | 'release_note',
  accounts: readonly { account_id: string; feedback_id: string }[],
  outbox: Outbox,
): Promise<void> {
  for (const { account_id, feedback_id } of accounts.slice(0, DRAFTS)) {
    try {
      await outbox.post(
        answerMessage(await run(ctx, 'draft_email', { account: account_id, kind, feedback_id })),
      );
    } catch (error) {
      await outbox.post(errorMessage(error));
    }
  }
  const what = kind === 'closed_loop' ? 'closed loop' : 'release note';
  if (accounts.length > DRAFTS)
    await outbox.post(
      textMessage(
        `${accounts.length - DRAFTS} more account(s): draft theirs with "draft ${what} email for <account>".`,
      ),
    );
}
