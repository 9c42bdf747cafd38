import type { types } from '@slack/bolt';
import { FEEDBACK_SOURCES } from '../../store/import/kinds.ts';
import { fitText } from './slack-limits.ts';

export const FEEDBACK_MODAL = {
  callbackId: 'log_feedback_modal',
  account: { block: 'account_block', action: 'account' },
  source: { block: 'source_block', action: 'source' },
  text: { block: 'text_block', action: 'text' },
} as const;

/** The "Log as customer feedback" modal: account, source, and the message's text prefilled. Pure. */
export function feedbackModal(
  text: string,
  metadata: { channel: string | null; message_ts: string | null },
  account: string | null = null,
): types.ModalView {
  return {
    type: 'modal',
    callback_id: FEEDBACK_MODAL.callbackId,
    private_metadata: JSON.stringify(metadata),
    title: { type: 'plain_text', text: 'Log customer feedback' },
    submit: { type: 'plain_text', text: 'Log it' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: FEEDBACK_MODAL.account.block,
        label: { type: 'plain_text', text: 'Account' },
        hint: { type: 'plain_text', text: 'Name, domain or account id; a near-miss spelling is fine' },
        element: {
          type: 'plain_text_input',
          action_id: FEEDBACK_MODAL.account.action,
          // A message of a linked customer channel: its account is already known.
          ...(account ? { initial_value: account } : {}),
        },
      },
      {
        type: 'input',
        block_id: FEEDBACK_MODAL.source.block,
        label: { type: 'plain_text', text: 'Source' },
        element: {
          type: 'static_select',
          action_id: FEEDBACK_MODAL.source.action,
          initial_option: { text: { type: 'plain_text', text: 'slack' }, value: 'slack' },
          options: FEEDBACK_SOURCES.map((s) => ({
            text: { type: 'plain_text' as const, text: s },
            value: s,
          })),
        },
      },
      {
        type: 'input',
        block_id: FEEDBACK_MODAL.text.block,
        label: { type: 'plain_text', text: 'What the customer said' },
        element: {
          type: 'plain_text_input',
          action_id: FEEDBACK_MODAL.text.action,
          multiline: true,
          initial_value: fitText(text, 3000),
        },
      },
    ],
  };
}
