import { accountsPage } from '../../commands/accounts/render.ts';
import { renderBody } from '../../commands/answer-text.ts';
import type { HelpData } from '../../commands/help/command.ts';
import type { IntentName } from '../../commands/intent.ts';
import type { Answer, UnknownData } from '../../commands/router.ts';
import { ACTION, encodeValue, type PageValue, type RerunValue } from '../actions.ts';
import { disagreeMenu } from './disagree-menu.ts';
import { forecastHeadline } from './forecast-blocks.ts';
import { nextButtons } from './next-buttons.ts';
import { portfolioHeadline } from './portfolio-blocks.ts';
import { scoreDetails, scoreHeadline } from './score-blocks.ts';
import {
  actions,
  type Block,
  type ButtonSpec,
  context,
  escapeMrkdwn,
  fitText,
  header,
  SLACK_LIMITS,
  type SlackMessage,
  section,
} from './slack-limits.ts';
import { textSections } from './text-sections.ts';

/** Body blocks shown with the first answer; the rest is behind "Show details". */
const SUMMARY_BODY_BLOCKS = 12;
/** Body blocks per details page: leaves room for the header, footer and buttons within 50. */
export const PAGE_BLOCKS = 40;

/** The email a plan's answer leads to, offered as a "Draft email" button. */
const EMAIL_FOR_INTENT: Partial<Record<IntentName, string>> = {
  qbr_prep: 'qbr_follow_up',
  renewal_prep: 'renewal_90_day',
  save_play: 'save_outreach',
  churn_risk: 'save_outreach',
  winback_plan: 'winback_1',
  onboarding_plan: 'adoption_nudge',
};

/** Whether the answer's data supports the email (a win-back email needs a churned account, and so on). */
function emailKind(answer: Answer): string | null {
  const kind = EMAIL_FOR_INTENT[answer.intent];
  if (!kind || !answer.account) return null;
  if (answer.intent === 'winback_plan' && answer.data.emails.length === 0) return null;
  if (answer.intent === 'renewal_prep' && !answer.data.renewal_date) return null;
  return kind;
}

const footer = (answer: Answer): Block =>
  context([`As of ${answer.provenance.as_of} · reproduce: \`${escapeMrkdwn(answer.provenance.reproduce)}\``]);

interface Split {
  title: string;
  summary: Block[];
  details: Block[];
}

/** Title, first blocks and detail blocks of an answer, by intent. */
function split(answer: Answer): Split {
  if (answer.intent === 'score' && answer.account) {
    const data = answer.data;
    return {
      title:
        data.score === null
          ? `${answer.account.name} — not enough data to score yet`
          : `${answer.account.name} — health ${data.score}/100 · ${data.tier}`,
      summary: scoreHeadline(data),
      details: scoreDetails(data),
    };
  }
  if (answer.intent === 'accounts') {
    // The list pages through "Show more" (the next rows), never through details.
    const page = accountsPage(answer.data);
    return { title: page.title, summary: textSections(page.body), details: [] };
  }
  const body = renderBody(answer);
  // Reports with a headline of their own: it leads, and the whole text is the details.
  const headlined = (summary: Block[]): Split => {
    const [first, ...rest] = body.split('\n');
    return { title: first ?? answer.intent, summary, details: textSections(rest.join('\n')) };
  };
  if (answer.intent === 'portfolio_review') return headlined(portfolioHeadline(answer.data));
  if (answer.intent === 'renewal_forecast') return headlined(forecastHeadline(answer.data));
  const [first, ...rest] = body.split('\n');
  const blocks = textSections(rest.join('\n'));
  return {
    title: first ?? answer.intent,
    summary: blocks.slice(0, SUMMARY_BODY_BLOCKS),
    details: blocks.slice(SUMMARY_BODY_BLOCKS),
  };
}

const pageCount = (details: readonly Block[]) => Math.ceil(details.length / PAGE_BLOCKS);

const pageButton = (answer: Answer, page: number, text: string): ButtonSpec => {
  const value: PageValue = {
    intent: answer.intent,
    args: { ...answer.args, as_of: answer.provenance.as_of },
    account: answer.account?.id ?? null,
    page,
  };
  return { text, actionId: ACTION.page, value: encodeValue(value) };
};

/** The plain text Slack shows in notifications: the title and the first lines of the answer. */
function fallbackText(title: string, blocks: readonly Block[]): string {
  const first = blocks
    .map((b) => (b.type === 'section' && b.text ? b.text.text : ''))
    .find((t) => t.length > 0);
  // Section text is mrkdwn already escaped; the title is plain text (an account's name) and is escaped here.
  const safeTitle = escapeMrkdwn(title);
  return fitText(
    first ? `${safeTitle}\n${first.replaceAll('```', '')}` : safeTitle,
    SLACK_LIMITS.fallbackText,
  );
}

/** The first message for an answer: title, summary, provenance, and the buttons that go further. */
export function answerMessage(answer: Answer): SlackMessage {
  if (answer.intent === 'help') return helpMessage(answer.data);
  if (answer.intent === 'unknown') return unknownMessage(answer.data);
  const { title, summary, details } = split(answer);
  const buttons: ButtonSpec[] = [];
  if (details.length > 0) buttons.push(pageButton(answer, 1, 'Show details'));
  const kind = emailKind(answer);
  if (kind && answer.account) {
    buttons.push({
      text: 'Draft email',
      actionId: ACTION.draftEmail,
      value: encodeValue({ kind, account: answer.account.id, as_of: answer.provenance.as_of }),
    });
  }
  buttons.push(...nextButtons(answer));
  const controls: Block[] = actions(buttons, 'answer_actions');
  const scored = answer.intent === 'score' ? answer.data : null;
  // No score, nothing to disagree with: an unscored answer lists the data it needs instead.
  if (scored && scored.score !== null && answer.account) {
    const menu = disagreeMenu({
      account: answer.account.id,
      as_of: scored.as_of,
      score: scored.score,
      tier: scored.tier,
    });
    const first = controls[0];
    if (first && first.type === 'actions') first.elements.push(menu);
    else controls.push({ type: 'actions', block_id: 'answer_actions', elements: [menu] });
  }
  const blocks = [header(title), ...summary, footer(answer), ...controls];
  return { text: fallbackText(title, summary), blocks };
}

/** Page `page` (from 1) of an answer's details, with "Show more" while pages remain. */
export function detailsMessage(answer: Answer, page: number): SlackMessage {
  const { title, details } = split(answer);
  const pages = Math.max(1, pageCount(details));
  const current = Math.min(Math.max(1, page), pages);
  const slice = details.slice((current - 1) * PAGE_BLOCKS, current * PAGE_BLOCKS);
  const shown = slice.length > 0 ? slice : [section('Nothing more to show: the first answer had it all.')];
  const more =
    current < pages
      ? actions([pageButton(answer, current + 1, `Show more (${current + 1} of ${pages})`)], 'page_actions')
      : [];
  const heading = pages > 1 ? `${title} — details ${current} of ${pages}` : `${title} — details`;
  return { text: fallbackText(heading, shown), blocks: [header(heading), ...shown, footer(answer), ...more] };
}

/** Help: every command with an example, grouped so that it fits one message. */
export function helpMessage(data: HelpData): SlackMessage {
  const lines = data.groups.flatMap((g) =>
    g.shown
      ? [
          `*${escapeMrkdwn(g.title)}*`,
          ...g.commands.map(
            (c) => `• *${escapeMrkdwn(c.title)}* — _“${escapeMrkdwn(c.examples[0] ?? c.intent)}”_`,
          ),
        ]
      : [`*${escapeMrkdwn(g.title)}* (${g.commands.length}): say _“help ${g.topic}”_`],
  );
  const blocks: Block[] = [header('What I can answer')];
  let current: string[] = [];
  const flush = () => {
    if (current.length > 0) blocks.push(section(current.join('\n')));
    current = [];
  };
  for (const line of lines) {
    if (current.join('\n').length + line.length + 1 > SLACK_LIMITS.sectionText - 50) flush();
    current.push(line);
  }
  flush();
  blocks.push(
    context([
      'Mention me in a channel, DM me, or use `/cs <question>`. Data comes from `cse import <kind> <file>`; every figure says how to reproduce it.',
    ]),
  );
  return {
    text: 'What I can answer: health scores, churn risk, plans and prep, portfolio and revenue reports',
    blocks,
  };
}

/** An out-of-scope question: the close readings as buttons (each runs through the router), or what the bot can do instead. */
export function unknownMessage(data: UnknownData): SlackMessage {
  if (data.readings.length > 0) {
    const buttons = data.readings.map(
      (r, i): ButtonSpec => ({
        text: r.label,
        actionId: `${ACTION.rerun}:reading:${i}`,
        value: encodeValue({ intent: r.intent, args: r.args, account: r.account } satisfies RerunValue),
      }),
    );
    return {
      text: escapeMrkdwn(data.message),
      blocks: [section(escapeMrkdwn(data.message)), ...actions(buttons, 'reading_actions')],
    };
  }
  const examples = data.suggestions.map((s) => `• _“${escapeMrkdwn(s.example)}”_`).join('\n');
  return {
    text: escapeMrkdwn(data.message),
    blocks: [section(escapeMrkdwn(data.message)), section(`${examples}\n• _“help”_ for everything`)],
  };
}
