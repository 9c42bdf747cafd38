import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import type { TeamUser } from '../facts/team.ts';
import type { JobQueue } from '../jobs/queue.ts';
import type { AccessRole } from '../knowledge/access-policy.ts';
import type { LlmGateway } from '../llm/gateway.ts';
import type { Db } from '../store/db.ts';
import type { CommandIntent } from './intent-names.ts';
import type { AnswerOf } from './router.ts';

/**
 * Who is asking. `user` is null for the local operator (CLI without --as, an admin) and for the
 * feedback API's token; `role` is what the access rules grant (knowledge/access/roles.json).
 */
export interface Actor {
  /** Stable id for the audit log: a user id, 'local:<os user>' or 'api'. */
  id: string;
  user: TeamUser | null;
  role: AccessRole;
}

/** A team member from the users table: their own role. */
export const teamActor = (user: TeamUser): Actor => ({ id: user.user_id, user, role: user.role });

/** The person at the terminal without --as: the operator, with an admin's rights. */
export const operatorActor = (id: string): Actor => ({ id, user: null, role: 'admin' });

/** A caller of the HTTP API with the CSE_API_TOKEN: may log feedback, nothing else. */
export const apiActor: Actor = { id: 'api', user: null, role: 'api' };

/** Where a question or a write came from. */
export type Surface = 'cli' | 'chat' | 'slack' | 'http' | 'scheduler';

/** Everything a command may use. Commands never read the clock: `today` is passed in. */
export interface CommandContext {
  db: Db;
  config: Config;
  logger: Logger;
  actor: Actor;
  /** The current date, 'YYYY-MM-DD' (UTC), used when no --as-of is given. */
  today: string;
  /** The current time (ISO), read from the same clock as `today`: stamps and SLA clocks use it. */
  now: string;
  /** Where the question came from, for the audit log. */
  surface: Surface;
  channel?: string;
  /** Where logged feedback is queued for processing; null or absent: stored, processed by the next worker. */
  queue?: JobQueue | null;
  /** The language model, when one is configured; commands work without it. */
  llm?: LlmGateway | null;
  /**
   * Accounts only by their exact id, name or domain, never a near-miss spelling (the HTTP API: a
   * machine's typo must fail, not attach an item to the closest account).
   */
  exactAccounts?: boolean;
  /**
   * Runs another command as the same asker, through the router: authorised and audited like any
   * call. The router sets it for the command it runs; it is how commands compose.
   */
  compose?: <I extends CommandIntent>(intent: I, args: Record<string, unknown>) => Promise<AnswerOf<I>>;
}
