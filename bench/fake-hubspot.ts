import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCrmObject {
  id: string;
  properties: Record<string, string | null>;
  /** For contacts and deals: the companies it is associated with, and the labels of each association. */
  companies?: { id: string; labels: string[] }[];
}

export interface FakeHubspotData {
  owners: { id: string; email: string; firstName?: string; lastName?: string }[];
  companies: FakeCrmObject[];
  contacts: FakeCrmObject[];
  deals: FakeCrmObject[];
}

export interface FakeHubspot {
  url: string;
  data: FakeHubspotData;
  requests: { method: string; path: string; body: Record<string, unknown> | null; authorization?: string }[];
  /** Answer request number n (1-based) with this status instead. */
  failOn(n: number, status: number, headers?: Record<string, string>): void;
  close(): Promise<void>;
}

const MODIFIED: Record<string, string> = {
  companies: 'hs_lastmodifieddate',
  contacts: 'lastmodifieddate',
  deals: 'hs_lastmodifieddate',
};

const STAMP = '2026-01-01T00:00:00.000Z';

/** What a route answers: a status and a JSON payload, or an error message HubSpot-style. */
type Reply = { status: number; payload: unknown } | { status: number; error: string };

/** `GET /crm/v3/owners/`, paged by `after`. */
function ownersReply(data: FakeHubspotData, url: URL): Reply {
  const limit = Number(url.searchParams.get('limit') ?? 100);
  const from = Number(url.searchParams.get('after') ?? 0);
  const page = data.owners.slice(from, from + limit);
  return {
    status: 200,
    payload: {
      results: page.map((o) => ({
        ...o,
        type: 'PERSON',
        archived: false,
        createdAt: STAMP,
        updatedAt: STAMP,
      })),
      ...(from + limit < data.owners.length ? { paging: { next: { after: String(from + limit) } } } : {}),
    },
  };
}

/** `POST /crm/v3/objects/{type}/search`: GTE on the modified date, sorted, paged, within the window. */
function searchReply(
  data: FakeHubspotData,
  type: 'companies' | 'contacts' | 'deals',
  body: Record<string, unknown> | null,
  window: number,
): Reply {
  const limit = Number(body?.limit ?? 10);
  const after = Number(body?.after ?? 0);
  if (limit > 200) return { status: 400, error: 'limit must be at most 200' };
  if (after + limit > window)
    return { status: 400, error: `The search API returns at most ${window} results` };
  const filters = (
    (body?.filterGroups as { filters: { propertyName: string; operator: string; value: string }[] }[]) ?? []
  ).flatMap((g) => g.filters);
  const modified = MODIFIED[type] as string;
  const ms = (o: FakeCrmObject) => Date.parse(o.properties[modified] ?? STAMP);
  const matching = data[type]
    .filter((o) =>
      filters.every((f) => f.operator === 'GTE' && f.propertyName === modified && ms(o) >= Number(f.value)),
    )
    .sort((a, b) => ms(a) - ms(b) || Number(a.id) - Number(b.id));
  const wanted = (body?.properties as string[]) ?? [];
  const page = matching.slice(after, after + limit);
  return {
    status: 200,
    payload: {
      total: matching.length,
      results: page.map((o) => ({
        id: o.id,
        properties: Object.fromEntries(wanted.map((p) => [p, o.properties[p] ?? null])),
        createdAt: STAMP,
        updatedAt: o.properties[modified] ?? STAMP,
        archived: false,
      })),
      ...(after + limit < matching.length ? { paging: { next: { after: String(after + limit) } } } : {}),
    },
  };
}

/** `POST /crm/v4/associations/{type}/companies/batch/read`, with labels. */
function associationsReply(
  data: FakeHubspotData,
  type: 'contacts' | 'deals',
  body: Record<string, unknown> | null,
): Reply {
  const inputs = (body?.inputs as { id: string }[]) ?? [];
  return {
    status: 200,
    payload: {
      status: 'COMPLETE',
      results: inputs
        .map((i) => data[type].find((o) => o.id === i.id))
        .filter((o): o is FakeCrmObject => o !== undefined && (o.companies?.length ?? 0) > 0)
        .map((o) => ({
          from: { id: o.id },
          to: (o.companies ?? []).map((c) => ({
            toObjectId: Number(c.id),
            associationTypes: [
              { category: 'HUBSPOT_DEFINED', typeId: type === 'contacts' ? 1 : 5, label: null },
              ...c.labels.map((label, k) => ({ category: 'USER_DEFINED', typeId: 100 + k, label })),
            ],
          })),
        })),
      startedAt: STAMP,
      completedAt: STAMP,
    },
  };
}

/** The route a request takes. */
function route(
  data: FakeHubspotData,
  method: string,
  url: URL,
  body: Record<string, unknown> | null,
  window: number,
): Reply {
  if (method === 'GET' && /^\/crm\/v3\/owners\/?$/.test(url.pathname)) return ownersReply(data, url);
  const search = url.pathname.match(/^\/crm\/v3\/objects\/(companies|contacts|deals)\/search$/);
  if (method === 'POST' && search)
    return searchReply(data, search[1] as 'companies' | 'contacts' | 'deals', body, window);
  const assoc = url.pathname.match(/^\/crm\/v4\/associations\/(contacts|deals)\/companies\/batch\/read$/);
  if (method === 'POST' && assoc) return associationsReply(data, assoc[1] as 'contacts' | 'deals', body);
  return { status: 404, error: `no route ${method} ${url.pathname}` };
}

/**
 * A local server speaking the documented shapes of the HubSpot endpoints the sync uses: owners
 * (`GET /crm/v3/owners/`), CRM search (`POST /crm/v3/objects/{type}/search`: filterGroups with
 * GTE, sorts, limit ≤ 200, `after`, and the 10,000-result window, answered with a 400 as HubSpot
 * does), and v4 association batch reads with labels. Bearer auth is recorded for the test.
 */
export async function startFakeHubspot(
  data: FakeHubspotData,
  options: { window?: number } = {},
): Promise<FakeHubspot> {
  const window = options.window ?? 10_000;
  const failures = new Map<number, { status: number; headers: Record<string, string> }>();
  const requests: FakeHubspot['requests'] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: req.method ?? '',
      path: url.pathname,
      body,
      authorization: req.headers.authorization,
    });
    const failure = failures.get(requests.length);
    const reply: Reply = failure
      ? { status: failure.status, error: 'scripted failure' }
      : route(data, req.method ?? '', url, body, window);
    res.writeHead(reply.status, { 'content-type': 'application/json', ...(failure?.headers ?? {}) });
    res.end(
      JSON.stringify(
        'error' in reply
          ? {
              status: 'error',
              message: reply.error,
              correlationId: `c-${requests.length}`,
              category: 'VALIDATION_ERROR',
            }
          : reply.payload,
      ),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    data,
    requests,
    failOn: (n, status, headers = {}) => failures.set(n, { status, headers }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
