import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { z } from 'zod';
import { apiActor, type CommandContext } from '../../commands/context.ts';
import { type Clock, clockFields } from '../../core/clock.ts';
import type { Config } from '../../core/config.ts';
import { ErrorCode, errorShape, toCseError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Db } from '../../store/db.ts';
import { cleanRecord } from '../../tools/text/clean-text.ts';
import { type AuthFailureLog, authFailureLog } from './auth-failures.ts';
import { rateLimiter } from './rate-limit.ts';

export function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** The body as text, or null when it is larger than `max` bytes (the rest is drained, not kept). */
function readBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= max) chunks.push(c);
    });
    req.on('end', () => resolve(size > max ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** `Authorization: Bearer <token>` and nothing else, compared in constant time. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const m = /^Bearer ([^\s]+)$/.exec(header ?? '');
  if (!m?.[1]) return false;
  const given = createHash('sha256').update(m[1]).digest();
  const expected = createHash('sha256').update(token).digest();
  return timingSafeEqual(given, expected);
}

const STATUS_FOR: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.BadInput]: 400,
  [ErrorCode.AccountNotFound]: 422,
  [ErrorCode.AccountAmbiguous]: 422,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.StoreUnavailable]: 503,
};

export interface ApiRouteDeps {
  db: Db;
  config: Config;
  queue: JobQueue | null;
  logger: Logger;
  clock: Clock;
  apiToken: string | undefined;
  /** Failed authentications, shared by a server's routes (one per route when not given). */
  authFailures?: AuthFailureLog;
}

export interface ApiRouteSpec<S extends z.ZodType> {
  path: string;
  /** The intent the route runs (audited under it when the token is refused). */
  intent: string;
  maxBytes: number;
  /** What the body is, e.g. "one feedback item": named in the size and validation errors. */
  what: string;
  schema: S;
  /** Runs the checked body through the router as the API actor; returns the 2xx status and body. */
  handle(ctx: CommandContext, body: z.output<S>): Promise<{ status: number; body: unknown }>;
}

/**
 * An HTTP API route (`cse serve`): the bearer token CSE_API_TOKEN (refusals audited), a rate limit
 * per route (CSE_API_RATE_LIMIT requests a minute), a body of at most `maxBytes` checked by its zod schema with every bad field named,
 * then the work through the router as the API actor, so the same authorisation, idempotency and
 * audit apply as on every surface. Errors answer with their status and what to do.
 */
export function apiRoute<S extends z.ZodType>(deps: ApiRouteDeps, spec: ApiRouteSpec<S>): CustomRoute {
  const take = rateLimiter(deps.config.CSE_API_RATE_LIMIT, () => deps.clock.now().getTime());
  const failures =
    deps.authFailures ??
    authFailureLog({
      db: deps.db,
      logger: deps.logger,
      limit: deps.config.CSE_API_AUTH_FAILURE_LIMIT,
      now: () => deps.clock.now().getTime(),
    });
  const context = (): CommandContext => ({
    db: deps.db,
    config: deps.config,
    logger: deps.logger,
    actor: apiActor,
    ...clockFields(deps.clock),
    surface: 'http',
    queue: deps.queue,
    llm: null,
    exactAccounts: true,
  });
  return {
    path: spec.path,
    method: ['POST'],
    handler: async (req, res) => {
      if (!(await admitted(req, res, deps, spec, { failures, take }))) return;
      const body = await checkedBody(req, res, spec);
      if (body === undefined) return;
      try {
        const answer = await spec.handle(context(), body);
        send(res, answer.status, answer.body);
      } catch (error) {
        sendError(res, error, (e) =>
          deps.logger.error({ err: e.message, path: spec.path }, 'API request failed'),
        );
      }
    },
  };
}

/**
 * Whether the request may go on: the API is configured, the bearer token is right (a wrong one is
 * counted per source before anything is written: over the limit a 429 and no audit row, within it
 * one audit row a minute), and the token is within its rate. Answers the request when it may not.
 */
async function admitted<S extends z.ZodType>(
  req: IncomingMessage,
  res: ServerResponse,
  deps: ApiRouteDeps,
  spec: ApiRouteSpec<S>,
  limits: { failures: AuthFailureLog; take: (key: string) => number },
): Promise<boolean> {
  if (!deps.apiToken) {
    send(res, 503, {
      error: 'not_configured',
      message: `Set CSE_API_TOKEN to accept ${spec.what} over HTTP`,
    });
    return false;
  }
  if (!bearerMatches(req.headers.authorization, deps.apiToken)) {
    const retry = await limits.failures.fail(req.socket.remoteAddress ?? 'unknown', {
      path: spec.path,
      intent: spec.intent,
      reason: req.headers.authorization ? 'wrong or malformed bearer token' : 'no Authorization header',
    });
    if (retry > 0)
      send(
        res,
        429,
        { error: 'rate_limited', message: `Too many failed authentications; retry in ${retry} s` },
        { 'retry-after': String(retry) },
      );
    else send(res, 401, { error: 'unauthorized', message: 'Send Authorization: Bearer <CSE_API_TOKEN>' });
    return false;
  }
  const wait = limits.take('token');
  if (wait > 0) {
    send(
      res,
      429,
      {
        error: 'rate_limited',
        message: `More than ${deps.config.CSE_API_RATE_LIMIT} requests a minute; retry in ${wait} s`,
      },
      { 'retry-after': String(wait) },
    );
    return false;
  }
  return true;
}

/** The body, read within its size, parsed, cleaned and checked by the route's schema; answered and undefined when it is not. */
async function checkedBody<S extends z.ZodType>(
  req: IncomingMessage,
  res: ServerResponse,
  spec: ApiRouteSpec<S>,
): Promise<z.output<S> | undefined> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const body = declared > spec.maxBytes ? null : await readBody(req, spec.maxBytes);
  if (body === null) {
    send(res, 413, {
      error: 'too_large',
      message: `The body may be at most ${spec.maxBytes} bytes: ${spec.what}`,
    });
    return undefined;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (error) {
    send(res, 400, {
      error: 'bad_json',
      message: `The body must be one JSON object: ${(error as Error).message}`,
    });
    return undefined;
  }
  // A NUL anywhere in the body (JSON allows \u0000) cannot be stored: gone before any check.
  const parsed = spec.schema.safeParse(cleanRecord(raw));
  if (!parsed.success) {
    send(res, 400, {
      error: 'invalid',
      message: `The body is not ${spec.what}`,
      fields: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', problem: i.message })),
    });
    return undefined;
  }
  return parsed.data;
}

/** An error as the API answers it: its status, code and what to do, and the field it is about when it names one. */
function sendError(res: ServerResponse, error: unknown, logFailure: (e: Error) => void): void {
  const e = toCseError(error);
  const status = STATUS_FOR[e.code] ?? 500;
  if (status >= 500) logFailure(e);
  const field = (e.details as { field?: unknown } | undefined)?.field;
  send(
    res,
    status,
    {
      error: e.code,
      ...errorShape(e),
      ...(typeof field === 'string' ? { fields: [{ field, problem: e.message }] } : {}),
    },
    status === 503 ? { 'retry-after': '30' } : {},
  );
}
