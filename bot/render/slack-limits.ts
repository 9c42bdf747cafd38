import type { types } from '@slack/bolt';

type KnownBlock = types.KnownBlock;

/** Block Kit limits (api.slack.com/reference/block-kit): answers are summarised and paged to fit. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  fieldsPerSection: 10,
  fieldText: 2000,
  elementsPerActions: 25,
  buttonText: 75,
  buttonValue: 2000,
  contextElements: 10,
  /** The notification text of a message (not a hard limit of chat.postMessage, but what shows well). */
  fallbackText: 3000,
  optionText: 75,
} as const;

/** Shortens text to `max` characters at a word boundary, with an ellipsis; never mid-word when avoidable. */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

export type Block = KnownBlock;

export const header = (text: string): Block => ({
  type: 'header',
  text: { type: 'plain_text', text: fitText(text, SLACK_LIMITS.headerText), emoji: true },
});

export const section = (text: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: fitText(text, SLACK_LIMITS.sectionText) },
});

/** A section of up to ten short fields (label and value side by side in Slack). */
export const fields = (items: readonly string[]): Block => ({
  type: 'section',
  fields: items
    .slice(0, SLACK_LIMITS.fieldsPerSection)
    .map((text) => ({ type: 'mrkdwn' as const, text: fitText(text, SLACK_LIMITS.fieldText) })),
});

export const context = (texts: readonly string[]): Block => ({
  type: 'context',
  elements: texts
    .slice(0, SLACK_LIMITS.contextElements)
    .map((text) => ({ type: 'mrkdwn' as const, text: fitText(text, SLACK_LIMITS.sectionText) })),
});

export const divider = (): Block => ({ type: 'divider' });

export interface ButtonSpec {
  text: string;
  actionId: string;
  value: string;
  style?: 'primary' | 'danger';
}

export const button = (b: ButtonSpec) => ({
  type: 'button' as const,
  text: { type: 'plain_text' as const, text: fitText(b.text, SLACK_LIMITS.buttonText), emoji: true },
  action_id: b.actionId,
  value: b.value,
  ...(b.style ? { style: b.style } : {}),
});

/** Buttons in actions blocks of at most 25 elements each. Action ids must be unique per message. */
export function actions(buttons: readonly ButtonSpec[], blockId?: string): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < buttons.length; i += SLACK_LIMITS.elementsPerActions) {
    blocks.push({
      type: 'actions',
      ...(blockId ? { block_id: `${blockId}${i === 0 ? '' : `_${i}`}` } : {}),
      elements: buttons.slice(i, i + SLACK_LIMITS.elementsPerActions).map(button),
    });
  }
  return blocks;
}

/** Slack's mrkdwn needs &, < and > escaped in text that comes from data. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A Slack message: blocks plus the plain `text` used for notifications and screen readers. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/**
 * A one-section message from plain words (customer text included): escaped for the notification
 * text and the block alike, so `<!channel>` or a masked link in it is shown, never acted on; an
 * emoji may lead the block.
 */
export const textMessage = (plain: string, emoji?: string): SlackMessage => {
  const safe = escapeMrkdwn(plain);
  return { text: safe, blocks: [section(emoji ? `${emoji} ${safe}` : safe)] };
};

/** A one-section message already in mrkdwn: for our own mentions (`<@U…>`); the caller escapes what it quotes. */
export const mrkdwnMessage = (mrkdwn: string, shown: string = mrkdwn): SlackMessage => ({
  text: mrkdwn,
  blocks: [section(shown)],
});

/** What in a message breaks Slack's Block Kit limits; empty when it fits. Used by tests and at run time. */
export function messageProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  if (message.text.length === 0) problems.push('no fallback text');
  if (message.blocks.length > SLACK_LIMITS.blocksPerMessage)
    problems.push(`${message.blocks.length} blocks (max ${SLACK_LIMITS.blocksPerMessage})`);
  message.blocks.forEach((b, i) => {
    if (b.type === 'header' && b.text.text.length > SLACK_LIMITS.headerText)
      problems.push(`block ${i}: header too long`);
    if (b.type === 'section') {
      if (b.text && b.text.text.length > SLACK_LIMITS.sectionText)
        problems.push(`block ${i}: section text ${b.text.text.length} chars`);
      if (b.fields && b.fields.length > SLACK_LIMITS.fieldsPerSection)
        problems.push(`block ${i}: ${b.fields.length} fields`);
      for (const f of b.fields ?? [])
        if (f.text.length > SLACK_LIMITS.fieldText)
          problems.push(`block ${i}: field of ${f.text.length} chars`);
    }
    if (b.type === 'actions') {
      if (b.elements.length > SLACK_LIMITS.elementsPerActions)
        problems.push(`block ${i}: ${b.elements.length} elements`);
      for (const e of b.elements) {
        if (e.type === 'button' && e.text.text.length > SLACK_LIMITS.buttonText)
          problems.push(`block ${i}: button text too long`);
        if (e.type === 'button' && (e.value ?? '').length > SLACK_LIMITS.buttonValue)
          problems.push(`block ${i}: button value too long`);
      }
    }
  });
  return problems;
}
