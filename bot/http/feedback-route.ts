import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { apiActor, type CommandContext } from '../../commands/context.ts';
import { run } from '../../commands/router.ts';
import { type Clock, clockFields } from '../../core/clock.ts';
import type { Config } from '../../core/config.ts';
import { ErrorCode, errorShape, toCseError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { FeedbackInput } from '../../jobs/ingest-feedback.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import type { Db } from '../../store/db.ts';
import { appendAudit } from '../../store/repositories/audit-log.ts';
import { rateLimiter } from './rate-limit.ts';

/** The largest body accepted: one item of at most 20,000 characters, with room for its fields. */
export const MAX_BODY_BYTES = 128 * 1024;

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** The body as text, or null when it is larger than MAX_BODY_BYTES (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
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

export interface FeedbackRouteDeps {
  db: Db;
  config: Config;
  queue: JobQueue | null;
  logger: Logger;
  clock: Clock;
  apiToken: string | undefined;
}

/**
 * `POST /v1/feedback`: a bearer token (CSE_API_TOKEN) with a per-token rate limit, a zod-checked
 * body of at most MAX_BODY_BYTES, then `log_feedback` through the router as the API actor, so
 * the same authorisation, idempotency and audit apply as everywhere. The item is stored before
 * the 202 answer; its processing is queued, and a queue that is down never holds the answer up.
 */
export function feedbackRoute(deps: FeedbackRouteDeps): CustomRoute {
  const limited = rateLimiter(deps.config.CSE_API_RATE_LIMIT, () => deps.clock.now().getTime());
  const context = (): CommandContext => ({
    db: deps.db,
    config: deps.config,
    logger: deps.logger,
    actor: apiActor,
    ...clockFields(deps.clock),
    surface: 'http',
    queue: deps.queue,
    llm: null,
  });
  return {
    path: '/v1/feedback',
    method: ['POST'],
    handler: async (req, res) => {
      if (!deps.apiToken) {
        send(res, 503, {
          error: 'not_configured',
          message: 'Set CSE_API_TOKEN to accept feedback over HTTP',
        });
        return;
      }
      if (!bearerMatches(req.headers.authorization, deps.apiToken)) {
        await appendAudit(deps.db, {
          actor: 'api:unauthenticated',
          surface: 'http',
          text: 'POST /v1/feedback',
          intent: 'log_feedback',
          outcome: 'error',
          error_code: 'unauthorized',
          detail: req.headers.authorization ? 'wrong or malformed bearer token' : 'no Authorization header',
          at: deps.clock.now().toISOString(),
        }).catch((error) => deps.logger.error({ err: (error as Error).message }, 'audit log write failed'));
        send(res, 401, { error: 'unauthorized', message: 'Send Authorization: Bearer <CSE_API_TOKEN>' });
        return;
      }
      const wait = limited('token');
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
        return;
      }
      const declared = Number(req.headers['content-length'] ?? 0);
      const body = declared > MAX_BODY_BYTES ? null : await readBody(req);
      if (body === null) {
        send(res, 413, {
          error: 'too_large',
          message: `The body may be at most ${MAX_BODY_BYTES} bytes: one item per request`,
        });
        return;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(body);
      } catch (error) {
        send(res, 400, {
          error: 'bad_json',
          message: `The body must be one JSON object: ${(error as Error).message}`,
        });
        return;
      }
      const parsed = FeedbackInput.safeParse(raw);
      if (!parsed.success) {
        send(res, 400, {
          error: 'invalid',
          message: 'The feedback item is not valid',
          fields: parsed.error.issues.map((i) => ({
            field: i.path.join('.') || '(body)',
            problem: i.message,
          })),
        });
        return;
      }
      const { score, author, ...item } = parsed.data;
      try {
        const answer = await run(context(), 'log_feedback', {
          ...item,
          ...(score === null || score === undefined ? {} : { score }),
          ...(author ? { author } : {}),
        });
        const data = answer.data;
        send(res, 202, { feedback_id: data.feedback_id, account_id: data.account_id, status: data.status });
      } catch (error) {
        const e = toCseError(error);
        const status = STATUS_FOR[e.code] ?? 500;
        if (status >= 500) deps.logger.error({ err: e.message }, 'feedback ingest failed');
        send(res, status, { error: e.code, ...errorShape(e) }, status === 503 ? { 'retry-after': '30' } : {});
      }
    },
  };
}
