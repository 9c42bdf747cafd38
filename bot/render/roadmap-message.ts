import type { RoadmapAnnouncement } from '../../jobs/alert-notifier.ts';
import { ROADMAP_STATUS_LABEL } from '../../tools/feedback/roadmap.ts';
import { plural } from '../../tools/text/plural.ts';
import { escapeMrkdwn, fitText, type SlackMessage, section } from './slack-limits.ts';

/** A roadmap status change for its owner channel; shipping points at the release emails. Pure. */
export function roadmapChangeMessage(c: RoadmapAnnouncement): SlackMessage {
  const from = c.from_status ? ROADMAP_STATUS_LABEL[c.from_status] : 'new';
  const asked = `${plural(c.accounts, 'account')} asked (${plural(c.items, 'item')})`;
  const next =
    c.to_status === 'shipped'
      ? ` Close the loop: \`cse run shipped_requests\` lists each account with its release email.`
      : '';
  const text = `:world_map: Roadmap *${escapeMrkdwn(c.roadmap_key)}* “${escapeMrkdwn(c.title)}”: ${from} → *${ROADMAP_STATUS_LABEL[c.to_status]}*${c.changed_by ? ` (by ${escapeMrkdwn(c.changed_by)})` : ''}. ${asked}.${next}`;
  return { text, blocks: [section(fitText(text, 2900))] };
}
