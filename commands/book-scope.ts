import { z } from 'zod';
import { CseError, ErrorCode } from '../core/errors.ts';
import { csmKeys, findUser } from '../facts/team.ts';
import { SEGMENTS } from '../store/import/kinds.ts';
import type { CommandContext } from './context.ts';

/** Options every portfolio-level report takes to choose whose book it covers. */
export const BookScopeFields = {
  segment: z.enum(SEGMENTS).optional(),
  /** A CSM's user id, email or Slack id: that CSM's book. */
  csm: z.string().min(1).optional(),
  /** `mine` = the asker's book; `team` = every account. Default: a CSM's own book, everyone else the team. */
  scope: z.enum(['mine', 'team']).optional(),
};

export interface BookScope {
  /** The CSM whose book this is (their user id), or null for the whole team. */
  csm: string | null;
  /** accounts.csm values that belong to the book, or null for every account. */
  keys: string[] | null;
  segment: string | null;
}

export const BookScopeData = z.object({
  book: z.enum(['team', 'csm']),
  csm: z.string().nullable(),
  segment: z.string().nullable(),
});

export function bookScopeData(scope: BookScope): z.infer<typeof BookScopeData> {
  return { book: scope.csm ? 'csm' : 'team', csm: scope.csm, segment: scope.segment };
}

/** The accounts a book covers, as an account filter: its segment and its CSM's keys. */
export function bookFilter(book: BookScope): { segment?: string; csm?: string[] } {
  return { ...(book.segment ? { segment: book.segment } : {}), ...(book.keys ? { csm: book.keys } : {}) };
}

/** Which book a report covers: a named CSM's, the asker's own, or the whole team's. */
export async function resolveBook(
  ctx: CommandContext,
  args: { csm?: string; scope?: 'mine' | 'team'; segment?: string },
): Promise<BookScope> {
  const segment = args.segment ?? null;
  if (args.csm) {
    const user = await findUser(ctx.db, args.csm);
    return { csm: user?.user_id ?? args.csm, keys: user ? csmKeys(user) : [args.csm], segment };
  }
  const scope = args.scope ?? (ctx.actor.user?.role === 'csm' ? 'mine' : 'team');
  if (scope === 'team') return { csm: null, keys: null, segment };
  if (!ctx.actor.user) {
    throw new CseError(ErrorCode.UserUnknown, `I don't know whose book "my book" is for ${ctx.actor.id}`, {
      hint: 'Ask as a known user (cse ask --as <email>), name the CSM (--csm <email>), or have an admin add you with cse import users',
    });
  }
  return { csm: ctx.actor.user.user_id, keys: csmKeys(ctx.actor.user), segment };
}
