import type { BookHome } from '../../commands/book-home.ts';
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
export function homeView(home: BookHome, displayName: string): { type: 'home'; blocks: Block[] } {
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
