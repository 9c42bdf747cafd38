import { forecastChange } from '../../commands/renewal-forecast/change.ts';
import type { Answer } from '../../commands/router.ts';
import { signalWords } from '../../commands/signal-rows.ts';
import { formatAmountShort } from '../../core/money.ts';
import type { LeaderWeek } from '../../jobs/leader-digest.ts';
import { alertDelivery, severityRank } from '../../knowledge/alert-rules.ts';
import type { StoredAlert } from '../../records/alerts.ts';
import type { DailyDigest, DigestAlert } from '../../tools/alerts/daily-digest.ts';
import type { EngagementLevel } from '../../tools/health/engagement-level.ts';
import { ALERT_ACTION, alertChoice } from '../alert-actions.ts';
import { answerMessage } from './answer-message.ts';
import {
  type Block,
  context,
  escapeMrkdwn,
  fitText,
  header,
  type SlackMessage,
  section,
} from './slack-limits.ts';

const EMOJI: Record<string, string> = {
  critical: ':rotating_light:',
  high: ':warning:',
  medium: ':large_orange_diamond:',
  low: ':small_blue_diamond:',
};
const option = (text: string, value: string) => ({ text: { type: 'plain_text' as const, text }, value });

/** The buttons under one alert: Acknowledge, Snooze, Open playbook, Not useful. */
function alertButtons(a: StoredAlert): Block {
  const delivery = alertDelivery();
  return {
    type: 'actions',
    block_id: `alert_${a.alert_id}`,
    elements: [
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Acknowledge' },
        action_id: ALERT_ACTION.acknowledge,
        value: a.alert_id,
        style: 'primary',
      },
      {
        type: 'static_select',
        action_id: ALERT_ACTION.snooze,
        placeholder: { type: 'plain_text', text: 'Snooze' },
        options: [
          option('Until the inputs change', alertChoice(a.alert_id, 'inputs')),
          ...delivery.snooze_days.map((d) =>
            option(`For ${d} day${d > 1 ? 's' : ''}`, alertChoice(a.alert_id, String(d))),
          ),
        ],
      },
      {
        type: 'datepicker',
        action_id: ALERT_ACTION.snoozeUntil,
        placeholder: { type: 'plain_text', text: 'Snooze until…' },
      },
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Open playbook' },
        action_id: ALERT_ACTION.playbook,
        value: a.alert_id,
      },
      {
        type: 'static_select',
        action_id: ALERT_ACTION.notUseful,
        placeholder: { type: 'plain_text', text: 'Not useful' },
        options: Object.entries(delivery.not_useful_reasons).map(([code, text]) =>
          option(text, alertChoice(a.alert_id, code)),
        ),
      },
    ],
  } as Block;
}

const evidenceLines = (a: StoredAlert) =>
  a.evidence
    .slice(0, 6)
    .map(
      (e) =>
        `• ${escapeMrkdwn(e.input)}: ${escapeMrkdwn(fitText(e.value, 200))}${e.as_of ? ` _(${e.as_of})_` : ''}`,
    )
    .join('\n');

/** The DM for one account's new alerts: per alert the reason, the evidence with its dates, and the buttons. Pure. */
export function alertDmMessage(
  alerts: readonly StoredAlert[],
  labelOf: (rule: string) => string,
  engagement: EngagementLevel | null = null,
): SlackMessage {
  const sorted = [...alerts].sort((x, y) => severityRank(x.severity) - severityRank(y.severity));
  const account = sorted[0]?.account_name ?? '';
  const title = `${sorted.length === 1 ? labelOf(sorted[0]?.rule ?? '') : `${sorted.length} alerts`}: ${account}`;
  const blocks: Block[] = [header(fitText(title, 150))];
  for (const a of sorted.slice(0, 8)) {
    blocks.push(
      section(
        fitText(
          `${EMOJI[a.severity] ?? ''} *${escapeMrkdwn(labelOf(a.rule))}* (${a.severity})\n${escapeMrkdwn(a.reason)}\n${evidenceLines(a)}`,
          2900,
        ),
      ),
      alertButtons(a),
      context([`${a.alert_id} · since ${a.since} · reproduce: cse alerts --json | grep ${a.alert_id}`]),
    );
  }
  if (engagement)
    blocks.push(
      context([
        `Engagement: *${engagement.label}*${engagement.dau_mau !== null ? ` (DAU/MAU ${Math.round(engagement.dau_mau * 100)} %, ${engagement.from} to ${engagement.to})` : ` (last active ${engagement.last_active ?? 'never'})`} · expected renewal odds ${engagement.renewal_odds} · ${escapeMrkdwn(engagement.action)}`,
      ]),
    );
  return { text: escapeMrkdwn(`${title} — ${sorted.map((a) => labelOf(a.rule)).join(', ')}`), blocks };
}

/** The reply in the DM's thread when a critical alert was not acknowledged in time. Pure. */
export function alertEscalationMessage(a: StoredAlert, leaderMention: string, hours: number): SlackMessage {
  const text = `:rotating_light: Escalated to ${leaderMention}: ${escapeMrkdwn(a.account_name)} — ${escapeMrkdwn(a.reason)} Not acknowledged within ${hours} h (${a.alert_id}).`;
  return { text, blocks: [section(fitText(text, 2900))] };
}

const digestLine = (a: DigestAlert) =>
  `${EMOJI[a.severity] ?? ''} *${escapeMrkdwn(a.account_name)}* — ${escapeMrkdwn(a.rule_label)}: ${escapeMrkdwn(fitText(a.reason, 240))} _(${a.alert_id})_`;

/** A CSM's daily digest: what waits, what was held back (budget), what changed, renewals this week. Pure. */
export function digestMessage(d: DailyDigest): SlackMessage {
  const blocks: Block[] = [header(`Your day, ${d.day}`)];
  const list = (title: string, lines: string[], max = 10) => {
    if (lines.length === 0) return;
    const more = lines.length > max ? `\n…and ${lines.length - max} more (cse alerts, or "my alerts")` : '';
    blocks.push(section(fitText(`*${title}*\n${lines.slice(0, max).join('\n')}${more}`, 2900)));
  };
  list(`Waiting on you (${d.waiting.length})`, d.waiting.map(digestLine));
  list(
    `Held back from DMs (${d.held_back.length}) — ${d.budget.sent_this_week} of your ${d.budget.weekly_cap} DMs this week used`,
    d.held_back.map(digestLine),
  );
  if (d.raised_today > 0 || d.resolved_today.length > 0)
    list(
      `What changed today: ${d.raised_today} new, ${d.resolved_today.length} resolved`,
      d.resolved_today.map(
        (a) => `:white_check_mark: *${escapeMrkdwn(a.account_name)}* — ${escapeMrkdwn(a.rule_label)} cleared`,
      ),
    );
  list(
    `Renewals this week (${d.renewals.length})`,
    d.renewals.map((r) => `• *${escapeMrkdwn(r.account_name)}* renews ${r.renewal_date}`),
  );
  blocks.push(context(['Ask "my alerts" for the details; each alert has its play.']));
  const text = `Your day, ${d.day}: ${d.waiting.length} waiting, ${d.held_back.length} held back, ${d.renewals.length} renewal(s) this week`;
  return { text, blocks: blocks.slice(0, 50) };
}

/** A leader's week with the dashboard run as that leader: open alerts per CSM, the portfolio review, the top requests. */
export interface LeaderDigest extends LeaderWeek {
  alerts: Answer;
  review: Answer;
  requests: Answer;
  /** The team's renewal forecast for the quarter now and as of a week before, same period. */
  forecast?: { now: Answer; weekAgo: Answer | null };
}

/** The quarter's renewal forecast and how it moved since last week, with the renewals behind the move. Pure. */
export function forecastSection(forecast: LeaderDigest['forecast']): Block[] {
  if (!forecast || forecast.now.intent !== 'renewal_forecast') return [];
  const now = forecast.now.data;
  if (now.expected === null)
    return [
      section(
        `*Renewal forecast ${now.period.label}*: ${now.due.accounts} due (${formatAmountShort(now.due.arr)}); ${escapeMrkdwn(now.withheld ?? 'no probabilities')}.`,
      ),
    ];
  const before = forecast.weekAgo?.intent === 'renewal_forecast' ? forecast.weekAgo.data : null;
  const change = before ? forecastChange(now, before) : null;
  const moved = change
    ? `\nSince last week: ${change.expectedChange >= 0 ? '+' : '−'}${formatAmountShort(Math.abs(change.expectedChange))}${change.movers.length > 0 ? ` — ${change.movers.map((m) => `${escapeMrkdwn(m.name)} ${m.after >= m.before ? '+' : '−'}${formatAmountShort(Math.abs(m.after - m.before))} (${escapeMrkdwn(m.why)})`).join('; ')}` : ''}`
    : '';
  return [
    section(
      fitText(
        `*Renewal forecast ${now.period.label}*: ${now.due.accounts} due (${formatAmountShort(now.due.arr)}), expected ${formatAmountShort(now.expected)} · P10 ${formatAmountShort(now.p10 ?? 0)} · P50 ${formatAmountShort(now.p50 ?? 0)} · P90 ${formatAmountShort(now.p90 ?? 0)}${moved}`,
        2900,
      ),
    ),
  ];
}

/** The leader's week in the customers' words: who raised a risk, and each CSM's response SLA. Pure. */
export function voiceSection(review: Answer): Block[] {
  if (review.intent !== 'portfolio_review') return [];
  const v = review.data.customer_voice;
  const said = v.accounts
    .slice(0, 8)
    .map(
      (a) =>
        `• *${escapeMrkdwn(a.name)}* (${a.kinds.map(signalWords).join(', ')}): “${escapeMrkdwn(a.quote)}”`,
    );
  const sla = v.response_sla.map(
    (r) =>
      `${escapeMrkdwn(r.csm)} ${r.rate === null ? 'n/a' : `${Math.round(r.rate * 100)} %`} (${r.within_sla} of ${r.questions})`,
  );
  return [
    section(
      fitText(
        `*What customers said, last ${v.days} days*\n${said.join('\n') || 'No customer raised churn intent, a competitor, budget or a champion leaving.'}${sla.length > 0 ? `\n*Response SLA met:* ${sla.join(' · ')}` : ''}`,
        2900,
      ),
    ),
  ];
}

/** A leader's weekly digest: open alerts per CSM, then the weekly dashboard (the portfolio review). Pure. */
export function leaderDigestMessage(d: LeaderDigest): SlackMessage {
  const review = answerMessage(d.review);
  const counts = d.alerts.intent === 'alerts' ? d.alerts.data.by_owner : [];
  const unowned = counts
    .filter((a) => a.owner === null)
    .reduce((n, a) => n + a.critical + a.high + a.other, 0);
  const lines = counts.flatMap((a) =>
    a.owner === null
      ? []
      : [
          `• *${escapeMrkdwn(a.owner)}*: ${a.critical} critical, ${a.high} high, ${a.other} other${a.escalated ? ` (${a.escalated} escalated)` : ''}`,
        ],
  );
  const blocks: Block[] = [
    header(`Weekly dashboard, week of ${d.week}`),
    section(
      fitText(
        `*Open alerts by CSM*\n${lines.join('\n') || 'None open.'}${unowned ? `\n• ${unowned} on accounts with no CSM (pooled): cse alerts` : ''}`,
        2900,
      ),
    ),
    ...forecastSection(d.forecast),
    ...voiceSection(d.review),
    ...review.blocks,
    ...answerMessage(d.requests).blocks.slice(0, 6),
  ];
  return { text: `Weekly dashboard, week of ${d.week}: ${review.text}`, blocks: blocks.slice(0, 50) };
}
