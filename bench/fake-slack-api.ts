import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One Web API call (or response_url post) as the fake received it. */
export interface SlackCall {
  method: string;
  /** Form fields or JSON body; `blocks` and `view` decoded from their JSON strings. */
  body: Record<string, unknown>;
  /** What the fake answered (e.g. the `ts` of a posted message). */
  reply: Record<string, unknown>;
  /** When it arrived: `performance.timeOrigin + performance.now()`, comparable across processes. */
  at: number;
  /** The full URL it was posted to (tells response_url posts apart). */
  url: string;
}

export interface FakeSlackOptions {
  /** users.info answers: Slack user id → email. Others get `user_not_found`. */
  emails?: Record<string, string>;
  /** users.info `tz` answers: Slack user id → IANA time zone (default: none given). */
  timeZones?: Record<string, string>;
  /** apps.connections.open hands out this WebSocket URL (Socket Mode). */
  socketUrl?: string;
}

const BOT = {
  user_id: 'UBOT00001',
  bot_id: 'BBOT00001',
  team_id: 'T00000001',
  team: 'cs-team',
  url: 'https://cs-team.slack.com/',
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function decode(raw: string, contentType: string | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = contentType?.includes('application/json')
    ? (JSON.parse(raw || '{}') as Record<string, unknown>)
    : Object.fromEntries(new URLSearchParams(raw));
  for (const key of ['blocks', 'view', 'attachments'])
    if (typeof body[key] === 'string') body[key] = JSON.parse(body[key] as string);
  return body;
}

/**
 * A local Slack Web API that records every call: `/api/<method>` (form-encoded or JSON, as the
 * SDK sends them) and `/response/<id>` (response_url posts, JSON). Waiting is event-driven:
 * `waitFor` resolves when a matching call arrives, so tests never sleep.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  private readonly events = new EventEmitter();
  private server: Server | null = null;
  private ts = 1_700_000_000;
  constructor(private readonly options: FakeSlackOptions = {}) {
    this.events.setMaxListeners(0);
  }

  /** Base URL for SLACK_API_URL, ending in /api/. */
  apiUrl = '';
  /** Base for response_url values: append an id. */
  responseUrlBase = '';
  private base = '';

  async start(): Promise<this> {
    this.server = createServer(async (req, res) => {
      const raw = await readBody(req);
      const path = (req.url ?? '').split('?')[0] ?? '';
      const method = path.startsWith('/api/')
        ? path.slice(5)
        : path.startsWith('/response/')
          ? 'response_url'
          : path;
      const body = decode(raw, req.headers['content-type']);
      const reply = this.reply(method, body);
      const call = {
        method,
        body,
        reply,
        at: performance.timeOrigin + performance.now(),
        url: `${this.base}${path}`,
      };
      this.calls.push(call);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply));
      this.events.emit('call', call);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.base = `http://127.0.0.1:${port}`;
    this.apiUrl = `http://127.0.0.1:${port}/api/`;
    this.responseUrlBase = `http://127.0.0.1:${port}/response/`;
    return this;
  }

  private reply(method: string, body: Record<string, unknown>): Record<string, unknown> {
    switch (method) {
      case 'auth.test':
        return { ok: true, ...BOT };
      case 'chat.postMessage':
        return { ok: true, channel: body.channel, ts: `${++this.ts}.000100`, message: { text: body.text } };
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'users.info': {
        const email = this.options.emails?.[String(body.user)];
        const tz = this.options.timeZones?.[String(body.user)];
        return email
          ? { ok: true, user: { id: body.user, ...(tz ? { tz } : {}), profile: { email } } }
          : { ok: false, error: 'user_not_found' };
      }
      case 'apps.connections.open':
        return this.options.socketUrl
          ? { ok: true, url: this.options.socketUrl }
          : { ok: false, error: 'not_allowed' };
      default:
        return { ok: true };
    }
  }

  /** Calls of one method, in order. */
  callsTo(method: string): SlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Resolves with the first call (already received or to come) matching `match`; rejects after `timeoutMs`. */
  waitFor(match: (call: SlackCall) => boolean, timeoutMs = 20_000): Promise<SlackCall> {
    const seen = this.calls.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const onCall = (call: SlackCall) => {
        if (!match(call)) return;
        clearTimeout(timer);
        this.events.off('call', onCall);
        resolve(call);
      };
      const timer = setTimeout(() => {
        this.events.off('call', onCall);
        reject(
          new Error(
            `no matching Slack call within ${timeoutMs} ms; calls: ${this.calls.map((c) => c.method).join(', ')}`,
          ),
        );
      }, timeoutMs);
      this.events.on('call', onCall);
    });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}
