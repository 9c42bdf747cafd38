import type { TextSide } from '../../store/repositories/customer-signals.ts';

/** What is known of a message's author. */
export interface MessageAuthor {
  userId: string | null;
  botId: string | null;
  /** The author's Slack workspace (team) id, when Slack says. */
  teamId: string | null;
  email: string | null;
}

/** What decides a side: our workspace, our people's Slack ids, the account's email domain. */
export interface SideContext {
  ourTeamId: string | null;
  teamSlackIds: ReadonlySet<string>;
  accountDomain: string | null;
}

const domainOf = (email: string | null) => email?.split('@')[1]?.toLowerCase() ?? null;

/**
 * Who wrote a message: a bot (ours or any app); our team (someone in the users table, or a member
 * of our own workspace); else the customer (a Slack Connect member from another workspace, or an
 * address at the account's domain). Pure.
 */
export function messageSide(author: MessageAuthor, context: SideContext): TextSide {
  if (author.botId) return 'bot';
  if (author.userId && context.teamSlackIds.has(author.userId)) return 'team';
  const domain = domainOf(author.email);
  if (domain && context.accountDomain && domain === context.accountDomain.toLowerCase()) return 'customer';
  if (author.teamId && context.ourTeamId) return author.teamId === context.ourTeamId ? 'team' : 'customer';
  return 'customer';
}

/** A Slack message's link: the archive permalink form, which Slack resolves for anyone in the channel. */
export const messageLink = (channel: string, ts: string): string =>
  `https://slack.com/archives/${channel}/p${ts.replace('.', '')}`;

/** The account whose domain the external members' emails share: exactly one, or why not. */
export function accountForDomains(
  emails: readonly string[],
  accounts: readonly { account_id: string; name: string; domain: string | null }[],
): {
  match: { account_id: string; name: string } | null;
  candidates: { account_id: string; name: string }[];
  domains: string[];
} {
  const domains = [...new Set(emails.map((e) => domainOf(e)).filter((d): d is string => d !== null))].sort();
  const candidates = accounts.filter((a) => a.domain && domains.includes(a.domain.toLowerCase()));
  const unique = new Map(candidates.map((a) => [a.account_id, { account_id: a.account_id, name: a.name }]));
  const list = [...unique.values()];
  return { match: list.length === 1 ? (list[0] ?? null) : null, candidates: list, domains };
}
