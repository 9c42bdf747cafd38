import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server speaking the documented shape of Stripe's list endpoint for subscriptions
 * (`GET /v1/subscriptions`: `object: "list"`, `data`, `has_more`, `starting_after`, `limit`,
 * `expand[]`), for the real SDK to talk to. Scripted failures answer a given request number.
 */
export interface FakeStripe {
  url: string;
  requests: { path: string; query: URLSearchParams; authorization: string | undefined }[];
  /** Answer request number n (1-based, counting every request) with this status instead. */
  failOn(n: number, status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

export async function startFakeStripe(
  subscriptions: readonly Record<string, unknown>[],
): Promise<FakeStripe> {
  const failures = new Map<number, { status: number; headers: Record<string, string> }>();
  const requests: FakeStripe['requests'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: url.searchParams, authorization: req.headers.authorization });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'request-id': `req_${requests.length}`,
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    const failure = failures.get(requests.length);
    if (failure)
      return send(
        failure.status,
        {
          error: {
            type: failure.status === 429 ? 'rate_limit_error' : 'api_error',
            message: 'scripted failure',
          },
        },
        failure.headers,
      );
    if (req.method !== 'GET' || url.pathname !== '/v1/subscriptions')
      return send(404, {
        error: { type: 'invalid_request_error', message: `no route ${req.method} ${url.pathname}` },
      });
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 10));
    const after = url.searchParams.get('starting_after');
    const from = after ? subscriptions.findIndex((s) => s.id === after) + 1 : 0;
    const data = subscriptions.slice(from, from + limit);
    send(200, {
      object: 'list',
      url: '/v1/subscriptions',
      has_more: from + limit < subscriptions.length,
      data,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failOn: (n, status, headers = {}) => failures.set(n, { status, headers }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
