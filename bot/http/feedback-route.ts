import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import { ErrorCode, errorShape, toCseError } from '../../core/errors';
import type { Logger } from '../../core/logger';
import { FeedbackInput, ingestFeedback } from '../../jobs/ingest-feedback';
import type { JobQueue } from '../../jobs/queue';
import type { Db } from '../../store/db';
import { appendAudit } from '../../store/repositories/audit-log';

const MAX_BODY = 1_000_000;

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function authorised(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `POST /v1/feedback`: bearer-token auth (CSE_API_TOKEN), a zod-validated body, idempotent on
 * feedback_id or external_id. The item is stored before the 202 answer; processing is queued.
 */
export function feedbackRoute(deps: {
  db: Db;
  queue: JobQueue | null;
  logger: Logger;
  apiToken: string | undefined;
}): CustomRoute {
  return {
    path: '/v1/feedback',
    method: ['POST'],
    handler: async (req, res) => {
      const started = performance.now();
      if (!deps.apiToken) {
        send(res, 503, {
          error: 'not_configured',
          message: 'Set CSE_API_TOKEN to accept feedback over HTTP',
        });
        return;
      }
      if (!authorised(req.headers.authorization, deps.apiToken)) {
        send(res, 401, { error: 'unauthorized', message: 'Send Authorization: Bearer <CSE_API_TOKEN>' });
        return;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(await readBody(req));
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
      try {
        const result = await ingestFeedback(deps.db, deps.queue, parsed.data);
        await appendAudit(deps.db, {
          actor: 'api',
          surface: 'http',
          text: `POST /v1/feedback ${result.feedback_id}`,
          intent: 'log_feedback',
          account_id: result.account_id,
          outcome: 'ok',
          duration_ms: performance.now() - started,
        });
        send(res, 202, {
          feedback_id: result.feedback_id,
          account_id: result.account_id,
          status: result.inserted ? 'accepted' : 'already_stored',
        });
      } catch (error) {
        const e = toCseError(error);
        const notFound = e.code === ErrorCode.AccountNotFound || e.code === ErrorCode.AccountAmbiguous;
        if (!notFound) deps.logger.error({ err: e.message }, 'feedback ingest failed');
        send(res, notFound ? 422 : 500, { error: e.code, ...errorShape(e) });
      }
    },
  };
}
