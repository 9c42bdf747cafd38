import type { Queryable } from '../store/db.ts';
import { getAccount } from '../store/repositories/accounts.ts';
import { listUsers, type TeamUser } from '../store/repositories/users.ts';
import { leaderFor, memberNamed } from '../tools/team/team-member.ts';

/** Who an account belongs to: its CSM as a team member (when on record) and the leader it answers to. */
export interface AccountTeam {
  /** The CSM reference on the account (user id, email or Slack id), as stored. */
  csmRef: string | null;
  csm: TeamUser | null;
  leader: TeamUser | null;
}

/** The team behind a CSM reference: the member it names and their leader (tools/team/team-member: leaderFor). */
export async function teamOf(db: Queryable, csmRef: string | null | undefined): Promise<AccountTeam> {
  const users = await listUsers(db);
  return {
    csmRef: csmRef ?? null,
    csm: memberNamed(users, csmRef) ?? null,
    leader: leaderFor(users, csmRef),
  };
}

/** An account's owner (its CSM) and the leader it answers to; an unknown account has neither. */
export async function accountTeam(db: Queryable, accountId: string): Promise<AccountTeam> {
  return teamOf(db, (await getAccount(db, accountId))?.csm);
}

/** How a plan names a team member it assigns work to: their email, else their user id. */
export const assignee = (user: TeamUser | null, fallback: string): string =>
  user?.email ?? user?.user_id ?? fallback;

/** Stored as is: read by answers, jobs and Slack surfaces through this module. */
export {
  accountOwners,
  accountOwnersByName,
  requestAccountIds,
  teamCsmKeys,
} from '../store/repositories/account-owners.ts';
export { csmKeys, findUser, listUsers, type TeamUser } from '../store/repositories/users.ts';
