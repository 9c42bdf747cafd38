import type { BookHomeData } from '../../commands/book-home/command.ts';
import type { FeedbackSlaData } from '../../commands/feedback-sla/command.ts';
import { formatMoneyShort } from '../../core/money.ts';
import {
  type Block,
  context,
  divider,
  escapeMrkdwn,
  fitText,
  header,
  SLACK_LIMITS,
  section,
} from './slack-limits.ts';

/** A Home tab holds up to 100 blocks; this view stays well under it. */
const NAMES_PER_TIER = 8;
const RENEWALS_SHOWN = 10;
const ALERTS_SHOWN = 10;

const ALERT_ICON = {
  critical: ':rotating_light:',
  high: ':warning:',
  medium: ':large_orange_diamond:',
  low: ':small_blue_diamond:',
};

function list(lines: readonly string[], more: number, what: string): string {
  const text = lines.join('\n') + (more > 0 ? `\n…and ${more} more ${what}` : '');
  return fitText(text, SLACK_LIMITS.sectionText);
}

/** The App Home tab: the asker's book by tier, renewals in 90 days, open alerts. Pure. */
export function homeView(home: BookHomeData, displayName: string): { type: 'home'; blocks: Block[] } {
  const total = home.tiers.reduce((n, t) => n + t.count, 0);
  const arr = home.tiers.reduce((n, t) => n + t.arrCents, 0);
  const whose = home.csm ? `${displayName}'s book` : 'Whole portfolio';
  const blocks: Block[] = [
    header(`${whose}: ${total} accounts · ${formatMoneyShort(arr)} ARR`),
    context([
      `As of ${home.asOf} · ask me anything with \`/cs\`, a DM, or a mention · \`/cs help\` lists it all`,
    ]),
    divider(),
    section(`*Open alerts* (${home.alerts.length})`),
  ];
  if (home.alerts.length === 0) blocks.push(section('Nothing needs you right now.'));
  else
    blocks.push(
      section(
        list(
          home.alerts
            .slice(0, ALERTS_SHOWN)
            .map(
              (a) =>
                `${ALERT_ICON[a.severity]} *${escapeMrkdwn(a.name)}* — ${escapeMrkdwn(a.label)}: ${escapeMrkdwn(fitText(a.reason, 200))} _(${a.alert_id})_`,
            ),
          home.alerts.length - ALERTS_SHOWN,
          'alerts',
        ),
      ),
    );
  blocks.push(divider(), section(`*Renewals in the next 90 days* (${home.renewals.length})`));
  blocks.push(
    section(
      home.renewals.length === 0
        ? 'No renewals in the next 90 days.'
        : list(
            home.renewals
              .slice(0, RENEWALS_SHOWN)
              .map(
                (r) =>
                  `• ${r.renewalDate} (${r.daysToRenewal}d) · *${escapeMrkdwn(r.name)}* · ${formatMoneyShort(r.arrCents)} · ${r.tier ?? 'unscored'}`,
              ),
            home.renewals.length - RENEWALS_SHOWN,
            'renewals',
          ),
    ),
  );
  blocks.push(divider(), section('*Accounts by health tier*'));
  for (const t of home.tiers) {
    const names = t.accounts.slice(0, NAMES_PER_TIER).map((a) => escapeMrkdwn(a.name));
    const more = t.count - names.length;
    blocks.push(
      section(
        `*${escapeMrkdwn(t.tier)}* — ${t.count} accounts, ${formatMoneyShort(t.arrCents)}\n${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
      ),
    );
  }
  return { type: 'home', blocks };
}

const QUEUE_OWNERS_SHOWN = 6;

/**
 * The App Home of someone who works the feedback queue but gets no health or revenue answers
 * (support): open requests by owner with their SLA, breached first. Counts and items only. Pure.
 */
export function queueHomeView(
  queue: FeedbackSlaData,
  displayName: string,
): { type: 'home'; blocks: Block[] } {
  const blocks: Block[] = [
    header(`${displayName}: feedback queue · ${queue.open_items} open · ${queue.breached} past SLA`),
    context([
      `As of ${queue.as_of} · \`/cs feedback sla\` for the full list · \`/cs top requests\` for what customers ask most`,
    ]),
    divider(),
  ];
  if (queue.owners.length === 0) blocks.push(section('No open feedback. Nothing is waiting on the queue.'));
  for (const o of queue.owners.slice(0, QUEUE_OWNERS_SHOWN)) {
    const items = o.items.map(
      (i) =>
        `${i.breached ? ':red_circle:' : '•'} ${escapeMrkdwn(i.account)} · ${escapeMrkdwn(fitText(i.text, 120))} _(${i.feedback_id}${i.hours_left === null ? '' : i.breached ? `, ${Math.abs(i.hours_left)} h over` : `, ${i.hours_left} h left`})_`,
    );
    blocks.push(
      section(
        fitText(
          `*${escapeMrkdwn(o.owner)}* — ${o.open} open, ${o.breached} past SLA\n${items.join('\n')}`,
          SLACK_LIMITS.sectionText,
        ),
      ),
    );
  }
  if (queue.dead_letters > 0)
    blocks.push(
      context([
        `${queue.dead_letters} items failed processing: \`cse feedback process --retry-dead\` retries them.`,
      ]),
    );
  return { type: 'home', blocks };
}

/** The App Home of someone whose role reads neither a book nor the queue: what they can ask. Pure. */
export function plainHomeView(text: string): { type: 'home'; blocks: Block[] } {
  return { type: 'home', blocks: [section(escapeMrkdwn(fitText(text, SLACK_LIMITS.sectionText)))] };
}
