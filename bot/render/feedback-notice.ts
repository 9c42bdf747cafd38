import { formatMoneyShort } from '../../core/money.ts';
import { FEEDBACK_OWNERS } from '../../knowledge/feedback-themes.ts';
import type { FeedbackNotice } from '../../records/feedback-notices.ts';
import { mergeReason } from '../../tools/feedback/merge-reason.ts';
import { accountArr } from '../../tools/portfolio/account-arr.ts';
import { FEEDBACK_ACTION, suggestionValue } from '../feedback-actions.ts';
import {
  type Block,
  context,
  escapeMrkdwn,
  fields,
  fitText,
  header,
  mrkdwnMessage,
  type SlackMessage,
  section,
} from './slack-limits.ts';

const when = (iso: string | null) =>
  iso ? `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—';

/** The owner's notification for a new request: the item, account, ARR, duplicates and the buttons. Pure. */
export function feedbackNoticeMessage(n: FeedbackNotice): SlackMessage {
  const { arrCents } = accountArr({
    mrrCents: n.mrr_cents,
    hasRevenue: n.has_revenue,
    declaredArrCents: n.declared_arr_cents,
  });
  const owner = n.reassigned_to ?? n.owner ?? 'unassigned';
  const title = `New ${n.theme?.replaceAll('_', ' ') ?? 'feedback'} for ${owner}: ${n.account_name}`;
  const blocks: Block[] = [
    header(title),
    section(`>${escapeMrkdwn(fitText(n.text, 2800)).replaceAll('\n', '\n>')}`),
    fields([
      `*Account*\n${escapeMrkdwn(n.account_name)} (${n.segment ?? 'no segment'})`,
      `*ARR*\n${formatMoneyShort(arrCents)}`,
      `*Duplicates*\n${n.duplicates} more item(s), ${n.accounts} account(s)`,
      `*SLA*\nrespond by ${when(n.sla_due_at)}`,
      ...(n.score !== null ? [`*Score*\n${n.score}${n.nps_category ? ` (${n.nps_category})` : ''}`] : []),
    ]),
    {
      type: 'actions',
      block_id: 'feedback_actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Acknowledge' },
          action_id: FEEDBACK_ACTION.acknowledge,
          value: n.feedback_id,
          style: 'primary',
        },
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Resolve' },
          action_id: FEEDBACK_ACTION.resolve,
          value: n.feedback_id,
        },
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Link to roadmap' },
          action_id: FEEDBACK_ACTION.linkRoadmap,
          value: n.feedback_id,
        },
        {
          type: 'static_select',
          action_id: FEEDBACK_ACTION.reassign,
          placeholder: { type: 'plain_text', text: 'Reassign…' },
          options: FEEDBACK_OWNERS.filter((o) => o !== owner).map((o) => ({
            text: { type: 'plain_text' as const, text: o },
            value: `${n.feedback_id}|${o}`,
          })),
        },
      ],
    },
    ...suggestionBlocks(n),
    ...(n.nps_category === 'promoter' ? [promoterAsk(n)] : []),
    context([
      `\`${escapeMrkdwn(n.feedback_id)}\` · \`cse ask "feedback for ${escapeMrkdwn(n.account_name)}"\``,
    ]),
  ];
  return { text: escapeMrkdwn(`${title}: ${fitText(n.text, 200)}`), blocks };
}

/**
 * The NPS action framework for a promoter: thank them, then ask for a review, a reference or a
 * case study — with the commands that say which ask fits and draft it. Pure.
 */
function promoterAsk(n: FeedbackNotice): Block {
  return section(
    `*Promoter (${n.score}):* thank them, then ask for a review, a reference or a case study. ` +
      `Which ask fits, and who else to ask: \`cse run advocates\` · the draft: \`cse run draft_email --kind advocacy_ask --account ${escapeMrkdwn(n.account_id)}\``,
  );
}

/**
 * Up to three "possible duplicate of FB-… (64 % likely the same request; similarity 0.71, same
 * subject: export)" lines, most probable first, each
 * with the request's text and Merge / Not a duplicate buttons. Pure.
 */
function suggestionBlocks(n: FeedbackNotice): Block[] {
  return n.suggestions.slice(0, 3).flatMap((s, k) => [
    section(
      `:mag: Possible duplicate of \`${escapeMrkdwn(s.candidate_id)}\` (${s.probability === null ? '' : `${Math.round(Number(s.probability) * 100)} % likely the same request; `}${escapeMrkdwn(mergeReason(Number(s.similarity), s.shared_subjects))})${s.judge_reason ? ` — model: ${escapeMrkdwn(fitText(s.judge_reason, 300))}` : ''}:\n>${escapeMrkdwn(fitText(s.candidate_text, 400))}`,
    ),
    {
      type: 'actions',
      block_id: `duplicate_suggestion_${k + 1}`,
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Merge' },
          action_id: FEEDBACK_ACTION.mergeSuggested,
          value: suggestionValue(n.feedback_id, s.candidate_id),
        },
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Not a duplicate' },
          action_id: FEEDBACK_ACTION.notDuplicateSuggested,
          value: suggestionValue(n.feedback_id, s.candidate_id),
        },
      ],
    },
  ]);
}

/** A duplicate joining a request: posted in the request's thread, with "Not a duplicate". Pure. */
export function duplicateNoticeMessage(n: FeedbackNotice): SlackMessage {
  const why = [
    mergeReason(n.similarity, n.merged_on),
    ...(n.merge_reason ? [`model: ${n.merge_reason}`] : []),
  ].join(' — ');
  const text = `Another request like this from ${n.account_name} (${why}): ${fitText(n.text, 300)}`;
  return {
    text: escapeMrkdwn(text),
    blocks: [
      section(
        `:repeat: Same request from *${escapeMrkdwn(n.account_name)}* (${escapeMrkdwn(why)}):\n>${escapeMrkdwn(fitText(n.text, 2500))}`,
      ),
      {
        type: 'actions',
        block_id: 'duplicate_actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Not a duplicate' },
            action_id: FEEDBACK_ACTION.notDuplicate,
            value: n.feedback_id,
          },
        ],
      },
    ],
  };
}

/** The SLA breach escalation, in the notification's thread. Pure. */
export function escalationMessage(n: FeedbackNotice, escalateTo: string): SlackMessage {
  // escalateTo is our own mention (<@U…> or <#C…>) and must stay live; the rest is escaped.
  const text = `SLA breached: nobody acknowledged this ${escapeMrkdwn(n.theme?.replaceAll('_', ' ') ?? 'feedback')} from ${escapeMrkdwn(n.account_name)} by ${when(n.sla_due_at)}. Escalating to ${escalateTo}.`;
  return mrkdwnMessage(text, `:rotating_light: ${text}`);
}

/** The id a Slack message is logged under as feedback, whichever way (shortcut or reaction): it is logged once. */
export const feedbackIdOfMessage = (channel: string, ts: string): string => `msg-${channel}-${ts}`;

/** What the person who logged feedback is told. Pure. */
export function loggedWords(logged: { status: string; account_name: string; feedback_id: string }): string {
  return logged.status === 'accepted'
    ? `Logged feedback for ${logged.account_name} as ${logged.feedback_id}: it will be checked for duplicates, tagged and routed to its owner with an SLA.`
    : `That feedback for ${logged.account_name} is already logged (${logged.feedback_id}).`;
}
