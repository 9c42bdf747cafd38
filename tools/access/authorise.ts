import type { AccessArea, AccessPolicy, AccessRole } from '../../knowledge/access-policy.ts';

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
      const foreign = target.accounts.find((a) => !a.csm || !keys.has(a.csm));
      if (!foreign) return ALLOW;
      const what =
        target.accounts.length > 1
          ? `${target.feedback_id} is a request from ${target.accounts.length} accounts; ${foreign.name}`
          : `${target.feedback_id} is feedback from ${foreign.name}, which`;
      const owner = ownerOf(foreign);
      return owner
        ? deny(`${what} is in ${owner}'s book`, 'Ask them, support or a CS leader.')
        : deny(`${what} has no CSM assigned`, 'Ask support or a CS leader.');
    }
  }
}
