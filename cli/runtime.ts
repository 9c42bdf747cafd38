import { userInfo } from 'node:os';
import { type Actor, type CommandContext, operatorActor, teamActor } from '../commands/context.ts';
import { clockFields, clockFrom } from '../core/clock.ts';
import { type Config, loadConfig } from '../core/config.ts';
import { CseError, ErrorCode, toCseError } from '../core/errors.ts';
import { createLogger } from '../core/logger.ts';
import { HealthModel, useHealthModel } from '../knowledge/health-model.ts';
import { createLlmGateway } from '../llm/gateway.ts';
import type { Db } from '../store/db.ts';
import { openDb } from '../store/open-db.ts';
import { appendAudit } from '../store/repositories/audit-log.ts';
import { personNames } from '../store/repositories/contacts.ts';
import { acceptedHealthModel } from '../store/repositories/health-models.ts';
import { findUser } from '../store/repositories/users.ts';
import type { Runtime } from '../store/runtime.ts';

export interface GlobalOptions {
  dataDir?: string;
}

export type { Runtime };

/** Reads the configuration; `--data-dir` overrides CSE_DATA_DIR. */
export function configFrom(options: GlobalOptions): Config {
  const config = loadConfig();
  return options.dataDir ? { ...config, CSE_DATA_DIR: options.dataDir } : config;
}

/** Opens the store for one CLI command and always closes it. */
export async function withRuntime<T>(
  options: GlobalOptions,
  fn: (rt: Runtime) => Promise<T>,
  defaultLogLevel = 'warn',
): Promise<T> {
  return usingRuntime(openRuntime(options, defaultLogLevel), fn);
}

/**
 * Opens the store for one CLI command. Started before a command loads the rest of its code, the
 * embedded store's start (file reads, WebAssembly compilation) overlaps that loading.
 */
export async function openRuntime(options: GlobalOptions, defaultLogLevel = 'warn'): Promise<Runtime> {
  const config = configFrom(options);
  const logger = createLogger(config.LOG_LEVEL ?? defaultLogLevel);
  const db = await openDb(config, { logger });
  logger.debug({ driver: db.driver, location: db.location }, 'store opened');
  try {
    // A health model accepted with cse health propose --accept replaces the knowledge file's.
    const accepted = await acceptedHealthModel(db);
    useHealthModel(accepted === null ? undefined : HealthModel.parse(accepted));
  } catch (error) {
    await db.close();
    throw error;
  }
  return { config, logger, db, clock: clockFrom(config) };
}

/** Runs `fn` on a runtime being opened, and always closes its store. */
export async function usingRuntime<T>(
  opening: Promise<Runtime>,
  fn: (rt: Runtime) => Promise<T>,
): Promise<T> {
  const rt = await opening;
  try {
    return await fn(rt);
  } finally {
    await rt.db.close();
  }
}

/** Who is asking: a known team member with --as, else the local operator (whole portfolio). */
export async function resolveActor(db: Db, as: string | undefined): Promise<Actor> {
  if (!as) return operatorActor(`local:${userInfo().username}`);
  const user = await findUser(db, as);
  if (!user) {
    throw new CseError(ErrorCode.UserUnknown, `No team member matches '${as}'`, {
      hint: 'Use a user id, email or Slack id from the users table; an admin adds people with cse import users <file>',
    });
  }
  return teamActor(user);
}

export async function commandContext(
  rt: Runtime,
  as: string | undefined,
  surface: CommandContext['surface'],
): Promise<CommandContext> {
  return {
    db: rt.db,
    config: rt.config,
    logger: rt.logger,
    actor: await resolveActor(rt.db, as),
    ...clockFields(rt.clock),
    surface,
    llm: createLlmGateway(rt.config, rt.logger, () => personNames(rt.db)),
  };
}

/**
 * A change the CLI makes outside the router (an import, a demo load, a re-queue, stored
 * snapshots), audited like a command: the operator, what was done, its arguments and how it ended.
 */
export async function auditedWrite<T>(
  rt: Runtime,
  what: { intent: string; text: string; args: Record<string, unknown> },
  work: () => Promise<T>,
): Promise<T> {
  const started = performance.now();
  const entry = {
    actor: operatorActor(`local:${userInfo().username}`).id,
    role: 'admin',
    surface: 'cli' as const,
    text: what.text,
    intent: what.intent,
    args: what.args,
    at: rt.clock.now().toISOString(),
  };
  try {
    const result = await work();
    await appendAudit(rt.db, { ...entry, outcome: 'ok', duration_ms: performance.now() - started });
    return result;
  } catch (error) {
    const e = toCseError(error);
    await appendAudit(rt.db, {
      ...entry,
      outcome: 'error',
      error_code: e.code,
      detail: e.message,
      duration_ms: performance.now() - started,
    }).catch(() => undefined);
    throw error;
  }
}
