import type { types } from '@slack/bolt';
import { ROADMAP_STATUS_LABEL, ROADMAP_STATUSES } from '../../tools/feedback/roadmap.ts';

export const ROADMAP_MODAL = {
  callbackId: 'link_roadmap_modal',
  key: { block: 'roadmap_key_block', action: 'roadmap_key' },
  status: { block: 'roadmap_status_block', action: 'roadmap_status' },
  title: { block: 'roadmap_title_block', action: 'roadmap_title' },
} as const;

/** What the modal carries to its submission: the request and where it was opened. */
export interface RoadmapModalMeta {
  feedback_id: string;
  channel: string | null;
}

/** The "Link to roadmap" modal of a feedback notice: key, status, title. Pure. */
export function roadmapModal(meta: RoadmapModalMeta): types.ModalView {
  const option = (s: (typeof ROADMAP_STATUSES)[number]) => ({
    text: { type: 'plain_text' as const, text: ROADMAP_STATUS_LABEL[s] },
    value: s,
  });
  return {
    type: 'modal',
    callback_id: ROADMAP_MODAL.callbackId,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'Link to roadmap' },
    submit: { type: 'plain_text', text: 'Link' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: ROADMAP_MODAL.key.block,
        label: { type: 'plain_text', text: 'Roadmap item' },
        hint: { type: 'plain_text', text: 'Its key, e.g. SSO-12; a new key makes a new item' },
        element: { type: 'plain_text_input', action_id: ROADMAP_MODAL.key.action },
      },
      {
        type: 'input',
        block_id: ROADMAP_MODAL.status.block,
        // Empty: the link alone (the request's own accounts decide). A status moves the whole item
        // for every account that asked, so only support, leaders and admins may set one.
        optional: true,
        label: { type: 'plain_text', text: 'Status' },
        hint: {
          type: 'plain_text',
          text: "Leave empty to keep the item's status (a new item starts under review). A status moves the item for every account that asked: support and CS leaders set it.",
        },
        element: {
          type: 'static_select',
          action_id: ROADMAP_MODAL.status.action,
          placeholder: { type: 'plain_text', text: 'Keep its status' },
          options: ROADMAP_STATUSES.map(option),
        },
      },
      {
        type: 'input',
        block_id: ROADMAP_MODAL.title.block,
        optional: true,
        label: { type: 'plain_text', text: 'Title (new items)' },
        element: { type: 'plain_text_input', action_id: ROADMAP_MODAL.title.action },
      },
    ],
  };
}
