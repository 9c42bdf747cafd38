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

/** A message as the fake's history holds it. */
export interface FakeChannelMessage {
  ts: string;
  user?: string;
  bot_id?: string;
  text: string;
  thread_ts?: string;
  reply_count?: number;
  subtype?: string;
}

/** A channel the fake knows: its history, thread replies (by parent ts), members and kind. */
export interface FakeChannel {
  name?: string;
  ext_shared?: boolean;
  members?: string[];
  messages?: FakeChannelMessage[];
  replies?: Record<string, FakeChannelMessage[]>;
}

export interface FakeSlackOptions {
  /** conversations.history, .replies, .info and .members answers, by channel id. */
  channels?: Record<string, FakeChannel>;
  /** users.info: each user's workspace (team) id (default ours, T00000001) and real name. */
  teams?: Record<string, string>;
  names?: Record<string, string>;
  /** Methods answered once with 429 (Retry-After: 0) before they answer normally. */
  rateLimitOnce?: string[];
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

/** The file in an upload: the first part of a multipart form, or the body as it came. */
async function uploadedText(raw: string, contentType: string | undefined): Promise<string> {
  if (!contentType?.startsWith('multipart/form-data')) return raw;
  const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
  const [first] = [...form.values()];
  return typeof first === 'string' ? first : ((await first?.text()) ?? '');
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
  private readonly rateLimited: Set<string>;
  constructor(private readonly options: FakeSlackOptions = {}) {
    this.events.setMaxListeners(0);
    this.rateLimited = new Set(options.rateLimitOnce ?? []);
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
          : path.startsWith('/upload/')
            ? 'file_upload'
            : path;
      // A file's bytes (files.uploadV2's second step) are kept as they came, by file id.
      const body =
        method === 'file_upload'
          ? {
              file_id: path.slice('/upload/'.length),
              content: await uploadedText(raw, req.headers['content-type']),
            }
          : decode(raw, req.headers['content-type']);
      const limited = this.rateLimited.has(method);
      this.rateLimited.delete(method);
      const reply = limited ? { ok: false, error: 'ratelimited' } : this.reply(method, body);
      const call = {
        method,
        body,
        reply,
        at: performance.timeOrigin + performance.now(),
        url: `${this.base}${path}`,
      };
      this.calls.push(call);
      res.writeHead(limited ? 429 : 200, {
        'content-type': 'application/json',
        ...(limited ? { 'retry-after': '0' } : {}),
      });
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
        const user = String(body.user);
        const email = this.options.emails?.[user];
        const tz = this.options.timeZones?.[user];
        const name = this.options.names?.[user];
        return email
          ? {
              ok: true,
              user: {
                id: user,
                team_id: this.options.teams?.[user] ?? BOT.team_id,
                ...(name ? { real_name: name } : {}),
                ...(tz ? { tz } : {}),
                profile: { email },
              },
            }
          : { ok: false, error: 'user_not_found' };
      }
      case 'conversations.history':
      case 'conversations.replies':
      case 'conversations.info':
      case 'conversations.members':
        return this.conversations(method, body);
      case 'files.getUploadURLExternal': {
        const fileId = `F${++this.ts}`;
        return { ok: true, file_id: fileId, upload_url: `${this.base}/upload/${fileId}` };
      }
      case 'files.completeUploadExternal':
        return { ok: true, files: JSON.parse(String(body.files ?? '[]')) };
      case 'conversations.open':
        return { ok: true, channel: { id: `D${String(body.users).replace(/^U/, '')}` } };
      case 'apps.connections.open':
        return this.options.socketUrl
          ? { ok: true, url: this.options.socketUrl }
          : { ok: false, error: 'not_allowed' };
      default:
        return { ok: true };
    }
  }

  /** A channel's history (newest first, from `oldest`), a thread, its info or members, paged by `limit` with an offset cursor. */
  private conversations(method: string, body: Record<string, unknown>): Record<string, unknown> {
    const channel = this.options.channels?.[String(body.channel)];
    if (!channel) return { ok: false, error: 'channel_not_found' };
    if (method === 'conversations.info')
      return {
        ok: true,
        channel: { id: body.channel, name: channel.name, is_ext_shared: channel.ext_shared === true },
      };
    const all =
      method === 'conversations.members'
        ? (channel.members ?? [])
        : method === 'conversations.replies'
          ? [
              ...(channel.messages ?? []).filter((m) => m.ts === body.ts),
              ...(channel.replies?.[String(body.ts)] ?? []),
            ]
          : (channel.messages ?? [])
              .filter((m) => Number(m.ts) >= Number(body.oldest ?? 0))
              .sort((a, b) => Number(b.ts) - Number(a.ts));
    const from = Number(String(body.cursor ?? '').replace('off:', '') || 0);
    const limit = Number(body.limit ?? 100);
    const page = all.slice(from, from + limit);
    const next = from + limit < all.length ? `off:${from + limit}` : '';
    const key = method === 'conversations.members' ? 'members' : 'messages';
    return { ok: true, [key]: page, has_more: next !== '', response_metadata: { next_cursor: next } };
  }

  /** The text of an uploaded file (files.uploadV2), by the id files.completeUploadExternal names. */
  uploaded(fileId: string): string | undefined {
    const upload = this.calls.find((c) => c.method === 'file_upload' && c.body.file_id === fileId);
    return upload ? String(upload.body.content) : undefined;
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
