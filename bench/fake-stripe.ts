import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server speaking the documented shape of Stripe's list endpoints for subscriptions and
 * invoices (`GET /v1/subscriptions`, `GET /v1/invoices`: `object: "list"`, `data`, `has_more`,
 * `starting_after`, `limit`; expansions are already in the data) and `GET /v1/prices/:id`, for
 * the real SDK to talk to. Scripted failures answer a given request number.
 */
export interface FakeStripe {
  url: string;
  requests: { path: string; query: URLSearchParams; authorization: string | undefined }[];
  /** Answer request number n (1-based, counting every request, or those to `path`) with this status instead. */
  failOn(n: number, status: number, headers?: Record<string, string>, path?: string): void;
  close(): Promise<void>;
}

export async function startFakeStripe(
  subscriptions: readonly Record<string, unknown>[],
  billing: {
    invoices?: readonly Record<string, unknown>[];
    prices?: Record<string, Record<string, unknown>>;
  } = {},
): Promise<FakeStripe> {
  const failures = new Map<string, { status: number; headers: Record<string, string> }>();
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
    const onPath = requests.filter((r) => r.path === url.pathname).length;
    const failure = failures.get(`*#${requests.length}`) ?? failures.get(`${url.pathname}#${onPath}`);
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
    const notFound = () =>
      send(404, {
        error: { type: 'invalid_request_error', message: `no route ${req.method} ${url.pathname}` },
      });
    if (req.method !== 'GET') return notFound();
    const price = url.pathname.match(/^\/v1\/prices\/([^/]+)$/);
    if (price) {
      const found = billing.prices?.[decodeURIComponent(price[1] as string)];
      return found
        ? send(200, { object: 'price', ...found })
        : send(404, {
            error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such price' },
          });
    }
    const list = (path: string, all: readonly Record<string, unknown>[]) => {
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 10));
      const after = url.searchParams.get('starting_after');
      const from = after ? all.findIndex((s) => s.id === after) + 1 : 0;
      send(200, {
        object: 'list',
        url: path,
        has_more: from + limit < all.length,
        data: all.slice(from, from + limit),
      });
    };
    if (url.pathname === '/v1/subscriptions') return list('/v1/subscriptions', subscriptions);
    if (url.pathname === '/v1/invoices') return list('/v1/invoices', billing.invoices ?? []);
    return notFound();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failOn: (n, status, headers = {}, path = '*') => failures.set(`${path}#${n}`, { status, headers }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
