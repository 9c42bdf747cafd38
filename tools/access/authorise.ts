import type { AccessArea, AccessPolicy, AccessRole } from '../../knowledge/access-policy.ts';
import { plural } from '../text/plural.ts';

/** Who is asking, as the role rules see them. */
export interface AccessActor {
  id: string;
  role: AccessRole;
  /** The accounts.csm values that mean this user (user id, email, Slack id). */
  keys: readonly string[];
  /** The accounts.csm values of the user's team-mates (read with `visibility: team`). */
  teamKeys: readonly string[];
}

/** An account with the CSM whose book it is in. */
export interface OwnedAccount {
  id: string;
  name: string;
  csm: string | null;
  /** The CSM's name, when the users table knows them. */
  csm_name: string | null;
}

/** What a request reads or changes. */
export type AccessTarget =
  | { kind: 'none' }
  /** Every account at once (team-wide feedback reports). */
  | { kind: 'portfolio' }
  | { kind: 'account'; account: OwnedAccount }
  /** Several accounts at once (alerts named by id): all of them must be within reach. */
  | { kind: 'accounts'; what: string; accounts: readonly OwnedAccount[] }
  /** A book: one CSM's (their accounts.csm keys), or the whole portfolio when `csm` is null. */
  | { kind: 'book'; csm: string | null; csm_name: string | null; keys: readonly string[] | null }
  /** A feedback item or request and the accounts it comes from. */
  | { kind: 'feedback'; feedback_id: string; accounts: readonly OwnedAccount[] };

export interface AccessRequest {
  /** The command's title, for the refusal ("Health score"). */
  title: string;
  area: AccessArea;
  write: boolean;
  target: AccessTarget;
}

export type AccessDecision = { allowed: true } | { allowed: false; reason: string; hint: string };

const ALLOW: AccessDecision = { allowed: true };
const deny = (reason: string, hint: string): AccessDecision => ({ allowed: false, reason, hint });

const ownerOf = (a: OwnedAccount) => a.csm_name ?? a.csm;

function foreignAccount(a: OwnedAccount, what: string): AccessDecision {
  const owner = ownerOf(a);
  return owner
    ? deny(`${what} is in ${owner}'s book`, 'Ask them or a CS leader.')
    : deny(`${what} has no CSM assigned, so it is in no one's book yet`, 'Ask a CS leader.');
}

/**
 * The one access rule (DESIGN §10): may this actor do this? Pure: the router gathers the facts
 * (role, whose book an account is in) and asks here for every question and every write, on
 * every surface.
 */
export function authorise(policy: AccessPolicy, actor: AccessActor, request: AccessRequest): AccessDecision {
  const rule = policy.roles[actor.role];
  const granted = rule ? (request.write ? rule.write : rule.read) : [];
  if (!rule || !granted.includes(request.area)) {
    const who = rule?.title ?? actor.role;
    return deny(
      `${request.title} is not open to ${who}${rule ? ` (${who} can ${rule.can})` : ''}`,
      `Ask ${policy.ask_instead[request.area] ?? 'an admin'}.`,
    );
  }
  if (rule.reach === 'portfolio') return ALLOW;
  const mine = new Set(actor.keys);
  const readable = new Set(
    !request.write && policy.visibility === 'team' ? [...actor.keys, ...actor.teamKeys] : actor.keys,
  );
  const target = request.target;
  switch (target.kind) {
    case 'none':
      return ALLOW;
    case 'portfolio':
      return deny(
        `${request.title} covers every account, and ${rule.title} sees their own book`,
        'Ask about one of your accounts (e.g. "feedback for <account>"), or ask support or a CS leader.',
      );
    case 'account':
      return target.account.csm && readable.has(target.account.csm)
        ? ALLOW
        : foreignAccount(target.account, target.account.name);
    case 'accounts': {
      const foreign = target.accounts.filter((a) => !a.csm || !readable.has(a.csm)).length;
      if (foreign === 0) return ALLOW;
      return deny(
        target.accounts.length === 1
          ? `${target.what} is on an account outside your book`
          : `${target.what} include ${plural(foreign, 'account')} outside your book`,
        'Ask its CSM or a CS leader.',
      );
    }
    case 'book': {
      if (!target.keys)
        return deny(
          "The whole team's book is for CS leaders",
          'Ask for your own book (e.g. "portfolio review"), or ask a CS leader.',
        );
      if (target.keys.some((k) => readable.has(k))) return ALLOW;
      return deny(
        `That is ${target.csm_name ?? target.csm ?? 'another CSM'}'s book.`,
        'Ask them or a CS leader.',
      );
    }
    case 'feedback': {
      const keys = request.write ? mine : readable;
      const foreign = target.accounts.filter((a) => !a.csm || !keys.has(a.csm));
      if (foreign.length === 0) return ALLOW;
      // No names from other books: the asker named an item, not these accounts.
      const total = target.accounts.length;
      const what =
        total > 1
          ? `${target.feedback_id} is on a request from ${total} accounts, ${foreign.length} of them outside your book`
          : `${target.feedback_id} is feedback from an account outside your book`;
      return deny(
        request.write && total > 1 ? `${what}: a change to the request is a change for all of them` : what,
        'Ask support or a CS leader: they work requests across books.',
      );
    }
  }
}

/**
 * What an answer that spans books may show this actor: the accounts.csm keys whose accounts it
 * may list (null: every account) and whether revenue figures are theirs to see (a role with no
 * health or revenue answers, such as support, sees counts instead). Pure.
 */
export interface ReadScope {
  keys: ReadonlySet<string> | null;
  revenue: boolean;
}

export function readScope(policy: AccessPolicy, actor: AccessActor): ReadScope {
  const rule = policy.roles[actor.role];
  const revenue = rule?.read.includes('account_health') ?? false;
  if (rule?.reach === 'portfolio') return { keys: null, revenue };
  const keys = policy.visibility === 'team' ? [...actor.keys, ...actor.teamKeys] : actor.keys;
  return { keys: new Set(keys), revenue };
}

/** Whether an account (by its accounts.csm) is inside a read scope. Pure. */
export const inReadScope = (scope: ReadScope, csm: string | null): boolean =>
  scope.keys === null || (csm !== null && scope.keys.has(csm));

/** Whether a role may read an area at all (which App Home it gets, before any book is looked up). Pure. */
export const roleReads = (policy: AccessPolicy, role: AccessRole, area: AccessArea): boolean =>
  policy.roles[role]?.read.includes(area) ?? false;
