import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ZendeskOrganization, ZendeskTicket } from '../tools/support/zendesk-ticket.ts';

export interface FakeZendeskData {
  tickets: (ZendeskTicket & { solved_at?: string | null })[];
  organizations: ZendeskOrganization[];
}

export interface FakeZendesk {
  url: string;
  data: FakeZendeskData;
  requests: { path: string; query: URLSearchParams; authorization?: string; at: number }[];
  /** 429s the server answered because the client went faster than the limit. */
  throttled: number;
  /** The server's clock (ms): moved by the client's injected wait, so pacing is checked without sleeping. */
  clock: { now: number };
  failOn(n: number, status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

/** The export's cursor names the last ticket read (its updated_at and id), as Zendesk's does. */
const encode = (t: { updated_at: string; id: number } | undefined) =>
  Buffer.from(t ? `${t.updated_at}|${t.id}` : '|0').toString('base64');
const decode = (c: string) => {
  const [updated, id] = Buffer.from(c, 'base64').toString('utf8').split('|');
  return { updated: updated ?? '', id: Number(id) };
};

/**
 * A local server speaking the documented shape of Zendesk's cursor-based incremental ticket export
 * (`GET /api/v2/incremental/tickets/cursor.json`: `start_time` or `cursor`, `include`
 * side-loads of organisations and metric sets, `after_cursor`, `end_of_stream`), ordered by
 * updated_at, with the export's limit of 10 requests a minute answered by a 429 and Retry-After.
 */
export async function startFakeZendesk(
  data: FakeZendeskData,
  options: { perMinute?: number } = {},
): Promise<FakeZendesk> {
  const perMinute = options.perMinute ?? 10;
  const failures = new Map<number, { status: number; headers: Record<string, string> }>();
  const requests: FakeZendesk['requests'] = [];
  const fake = { throttled: 0, clock: { now: 0 } };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const now = fake.clock.now;
    const recent = requests.filter((r) => r.at > now - 60_000).length;
    requests.push({
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      at: now,
    });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };
    const failure = failures.get(requests.length);
    if (failure) return send(failure.status, { error: 'scripted failure' }, failure.headers);
    if (recent >= perMinute) {
      fake.throttled++;
      const oldest = requests.filter((r) => r.at > now - 60_000)[0]?.at ?? now;
      return send(
        429,
        { error: 'APIRateLimitExceeded' },
        { 'retry-after': String(Math.ceil((oldest + 60_000 - now) / 1000)) },
      );
    }
    if (url.pathname !== '/api/v2/incremental/tickets/cursor.json')
      return send(404, { error: 'InvalidEndpoint', description: `no route ${url.pathname}` });
    const perPage = Math.min(1000, Number(url.searchParams.get('per_page') ?? 1000));
    const ordered = [...data.tickets].sort((a, b) => a.updated_at.localeCompare(b.updated_at) || a.id - b.id);
    const cursor = url.searchParams.get('cursor');
    const after = cursor ? decode(cursor) : null;
    const rest = ordered.filter((t) =>
      after
        ? t.updated_at > after.updated || (t.updated_at === after.updated && t.id > after.id)
        : Date.parse(t.updated_at) / 1000 >= Number(url.searchParams.get('start_time') ?? 0),
    );
    const page = rest.slice(0, perPage);
    const include = (url.searchParams.get('include') ?? '').split(',');
    const orgIds = new Set(page.map((t) => t.organization_id));
    const last = page.at(-1) ?? (after ? { updated_at: after.updated, id: after.id } : undefined);
    send(200, {
      tickets: page.map(({ solved_at: _s, ...t }) => ({
        ...t,
        url: `${url.origin}/api/v2/tickets/${t.id}.json`,
      })),
      ...(include.includes('organizations')
        ? { organizations: data.organizations.filter((o) => orgIds.has(o.id)) }
        : {}),
      ...(include.includes('metric_sets')
        ? {
            metric_sets: page.map((t) => ({
              id: 9000 + t.id,
              ticket_id: t.id,
              solved_at: t.solved_at ?? null,
            })),
          }
        : {}),
      after_url: `${url.origin}${url.pathname}?cursor=${encode(last)}`,
      after_cursor: encode(last),
      before_url: null,
      before_cursor: null,
      end_of_stream: rest.length <= perPage,
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    data,
    requests,
    failOn: (n: number, status: number, headers: Record<string, string> = {}) =>
      failures.set(n, { status, headers }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
