import type { Config } from '../core/config';
import type { Logger } from '../core/logger';
import type { LlmGateway } from '../llm/gateway';
import type { Db } from '../store/db';
import type { TeamUser } from '../store/repositories/users';

/** Who is asking. `user` is null for the local operator (CLI without --as), who sees everything. */
export interface Actor {
  /** Stable id for the audit log: a user id, a Slack id, or 'local:<os user>'. */
  id: string;
  user: TeamUser | null;
}

/** Everything a command may use. Commands never read the clock: `today` is passed in. */
export interface CommandContext {
  db: Db;
  config: Config;
  logger: Logger;
  actor: Actor;
  /** The current date, 'YYYY-MM-DD' (UTC), used when no --as-of is given. */
  today: string;
  /** The current time (ISO), passed in like `today`: SLA clocks compare with it when no --as-of is given. */
  now?: string;
  /** Where the question came from, for the audit log. */
  surface: 'cli' | 'chat' | 'slack' | 'http';
  channel?: string;
  /** The language model, when one is configured; commands work without it. */
  llm?: LlmGateway | null;
}
