import { CseError, ErrorCode } from '../core/errors.ts';
import { findChannel } from '../facts/signals.ts';
import {
  accountOwners,
  accountOwnersByName,
  csmKeys,
  findUser,
  requestAccountIds,
  teamCsmKeys,
} from '../facts/team.ts';
import { type AccessArea, accessPolicy } from '../knowledge/access-policy.ts';
import { alertsById } from '../records/alerts.ts';
import {
  type AccessActor,
  type AccessTarget,
  authorise,
  type OwnedAccount,
  type ReadScope,
  readScope,
  roleReads,
} from '../tools/access/authorise.ts';
import { resolveBook } from './book-scope.ts';
import type { Actor, CommandContext } from './context.ts';
import type { Command, CommandAccess } from './registry-types.ts';
import type { ResolvedAccount } from './resolve-account.ts';

/** The access rule's view of an actor: role, and the accounts.csm keys that are theirs and their team's. */
export async function accessActor(ctx: Pick<CommandContext, 'db'>, actor: Actor): Promise<AccessActor> {
  const policy = accessPolicy();
  const keys = actor.user ? csmKeys(actor.user) : [];
  const teamKeys =
    actor.user?.team && policy.visibility === 'team' ? await teamCsmKeys(ctx.db, actor.user.team) : [];
  return { id: actor.id, role: actor.role, keys, teamKeys };
}

/**
 * What the asker may see inside an answer that spans books (a roadmap item, shipped requests): the
 * same policy as the router's check, so a list never shows an account or a revenue figure the
 * asker could not ask for directly.
 */
export async function askerReadScope(ctx: Pick<CommandContext, 'db' | 'actor'>): Promise<ReadScope> {
  return readScope(accessPolicy(), await accessActor(ctx, ctx.actor));
}

/** Whether the actor's role reads an area at all (a surface choosing what to show them). */
export const actorReads = (actor: Actor, area: AccessArea): boolean =>
  roleReads(accessPolicy(), actor.role, area);

export function commandAccess(command: Command, args: Record<string, unknown>): CommandAccess {
  return typeof command.access === 'function' ? command.access(args) : command.access;
}

async function ownedAccount(ctx: CommandContext, id: string): Promise<OwnedAccount> {
  const [owner] = await accountOwners(ctx.db, [id]);
  if (!owner) throw new CseError(ErrorCode.AccountNotFound, `No account ${id}`);
  return owner;
}

/** Gathers what a command's target is: the account with its owner, the book, or the feedback item's accounts. */
async function targetOf(
  ctx: CommandContext,
  access: CommandAccess,
  args: Record<string, unknown>,
  account: ResolvedAccount | null,
): Promise<AccessTarget> {
  switch (access.target) {
    case 'none':
      return { kind: 'none' };
    case 'portfolio':
      return { kind: 'portfolio' };
    case 'account':
      if (!account) throw new Error('an account command reached its access check without its account');
      return { kind: 'account', account: await ownedAccount(ctx, account.id) };
    case 'book': {
      const book = await resolveBook(ctx, args as { csm?: string; scope?: 'mine' | 'team' });
      const user = book.csm ? await findUser(ctx.db, book.csm) : null;
      return { kind: 'book', csm: book.csm, csm_name: user?.name ?? null, keys: book.keys };
    }
    case 'alert': {
      const ids = Array.isArray(args.alert_ids)
        ? (args.alert_ids as string[])
        : [String(args.alert_id ?? '')];
      const found = await alertsById(ctx.db, ids);
      const missing = ids.find((id) => !found.some((a) => a.alert_id === id));
      if (missing !== undefined)
        throw new CseError(ErrorCode.NotFound, `No alert ${missing}`, { hint: 'cse alerts lists them' });
      // The asker named alerts, not accounts: a refusal names neither the account nor its CSM.
      const owners = await accountOwners(ctx.db, [...new Set(found.map((a) => a.account_id))]);
      return {
        kind: 'accounts',
        what: ids.length === 1 ? (ids[0] as string) : `Those ${ids.length} alerts`,
        accounts: owners,
      };
    }
    case 'channel': {
      const channelId = String(args.channel ?? '');
      const channel = await findChannel(ctx.db, channelId);
      const ids = [...new Set([account?.id, channel?.account_id].filter((v): v is string => Boolean(v)))];
      if (ids.length === 0)
        throw new CseError(ErrorCode.NotFound, `Channel ${channelId} is not linked to an account`, {
          hint: 'cse channels lists the linked channels',
        });
      return { kind: 'accounts', what: `Channel ${channelId}`, accounts: await accountOwners(ctx.db, ids) };
    }
    case 'feedback_request': {
      // decide_duplicate names two requests: the item's and the one it would join.
      const ids = [args.feedback_id, args.candidate_id].filter((v): v is string => typeof v === 'string');
      const { accountIds, missing } = await requestAccountIds(ctx.db, ids);
      if (missing.length > 0 || ids.length === 0)
        throw new CseError(ErrorCode.NotFound, `No feedback item ${missing[0] ?? ''}`.trim(), {
          hint: 'Check the id: cse feedback export lists every item',
        });
      return {
        kind: 'feedback',
        feedback_id: ids[0] as string,
        accounts: await accountOwners(ctx.db, accountIds),
      };
    }
  }
}

/**
 * The one authorisation check (DESIGN §10), called by the router for every command and every
 * write on every surface, after the account is resolved and before the command runs. A refusal
 * is a `forbidden` error that says whose it is and who can help.
 */
export async function authoriseCommand(
  ctx: CommandContext,
  command: Command,
  args: Record<string, unknown>,
  account: ResolvedAccount | null,
  options: { areaOnly?: boolean } = {},
): Promise<void> {
  const access = commandAccess(command, args);
  const policy = accessPolicy();
  // areaOnly: may this role use this kind of command at all (before any account is looked up)?
  // A role that reaches the whole portfolio is decided by the area alone, so whose account or
  // book it is need not be looked up; a feedback item is, as its id must name a stored item.
  const byArea =
    options.areaOnly ||
    (policy.roles[ctx.actor.role]?.reach === 'portfolio' &&
      (access.target === 'account' || access.target === 'book'));
  const decision = authorise(policy, await accessActor(ctx, ctx.actor), {
    title: access.refusal?.title ?? command.title,
    area: access.area,
    write: access.write,
    target: byArea ? { kind: 'none' } : await targetOf(ctx, access, args, account),
  });
  if (!decision.allowed)
    throw new CseError(ErrorCode.Forbidden, decision.reason, {
      hint: access.refusal?.hint ?? decision.hint,
      details: { intent: command.intent, role: ctx.actor.role },
    });
}

/**
 * "Did you mean" stays inside what the asker may read: suggestions from books they cannot see are
 * dropped from an account-not-found or ambiguous error.
 */
export async function withinReach(ctx: CommandContext, error: unknown): Promise<unknown> {
  if (!(error instanceof CseError)) return error;
  if (error.code !== ErrorCode.AccountNotFound && error.code !== ErrorCode.AccountAmbiguous) return error;
  const rule = accessPolicy().roles[ctx.actor.role];
  if (rule?.reach === 'portfolio') return error;
  const details = (error.details ?? {}) as {
    mention?: string;
    suggestions?: string[];
    candidates?: string[];
  };
  const names = [...(details.suggestions ?? []), ...(details.candidates ?? [])];
  const actor = await accessActor(ctx, ctx.actor);
  const visible = new Set(
    (await accountOwnersByName(ctx.db, names))
      .filter((o) => o.csm && [...actor.keys, ...actor.teamKeys].includes(o.csm))
      .map((o) => o.name),
  );
  const keep = (list: string[] | undefined) => list?.filter((n) => visible.has(n));
  const suggestions = keep(details.suggestions);
  const candidates = keep(details.candidates);
  const mention = details.mention ?? 'that';
  if (candidates && candidates.length > 1)
    return new CseError(
      error.code,
      `'${mention}' matches several accounts: ${candidates.slice(0, 5).join(', ')}`,
      {
        hint: 'Say which one (use the full name or the account id)',
        details: { ...details, candidates },
        cause: error,
      },
    );
  const shown = suggestions ?? candidates ?? [];
  return new CseError(ErrorCode.AccountNotFound, `No account in your book matches '${mention}'`, {
    hint:
      shown.length > 0 ? `Did you mean ${shown.join(', ')}?` : 'Check the spelling, or use the account id',
    details: { mention, suggestions: shown },
    cause: error,
  });
}

/**
 * A refusal for an account the asker did not name exactly (a near-miss spelling, a prefix): said
 * as "no account in your book matches", so a typo never reveals another book's account or CSM.
 */
export function outsideTheBook(mention: string, error: unknown): unknown {
  if (!(error instanceof CseError) || error.code !== ErrorCode.Forbidden) return error;
  return new CseError(ErrorCode.AccountNotFound, `No account in your book matches '${mention}'`, {
    hint: 'Check the spelling, or use the account id',
    details: { mention, suggestions: [] },
    cause: error,
  });
}

/** No account has exactly this id, name or domain (surfaces that take no near misses): no suggestions. */
export function noExactAccount(mention: string, error: unknown): unknown {
  if (
    error instanceof CseError &&
    error.code !== ErrorCode.AccountNotFound &&
    error.code !== ErrorCode.AccountAmbiguous
  )
    return error;
  return new CseError(ErrorCode.AccountNotFound, `No account has the id, name or domain '${mention}'`, {
    hint: 'Send the account id, its exact name or its domain (cse export accounts lists them)',
    details: { mention, field: 'account' },
    ...(error ? { cause: error } : {}),
  });
}
