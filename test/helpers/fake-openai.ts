import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted reply of the fake OpenAI-compatible server. */
export type FakeStep =
  | { endpoint: 'chat'; content?: string; json?: unknown; usage?: number }
  | { endpoint: 'embeddings'; vectors?: number[][] }
  | { endpoint: 'chat' | 'embeddings'; status: number; headers?: Record<string, string> };

export interface RecordedRequest {
  path: string;
  body: Record<string, unknown>;
  raw: string;
}

export interface FakeOpenAi {
  /** Base URL for OPENAI_BASE_URL, ending in /v1. */
  url: string;
  requests: RecordedRequest[];
  /** Requests that arrived with no step left, or for another endpoint than scripted. */
  unexpected: string[];
  script(...steps: FakeStep[]): void;
  remaining(): number;
  /** Stops the server; throws when a request was not scripted (the test's script ran out). */
  close(): Promise<void>;
}

const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/** A deterministic vector for a text, for scripted embeddings without vectors. */
function vectorFor(text: string, dims: number): number[] {
  const v = Array.from({ length: dims }, (_, i) => Math.sin((text.length + 1) * (i + 1)));
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function chatReply(
  body: Record<string, unknown>,
  step: { content?: string; json?: unknown; usage?: number },
) {
  const content = step.json !== undefined ? JSON.stringify(step.json) : (step.content ?? '');
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 1_764_000_000,
    model: String(body.model ?? 'fake'),
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: 'stop',
        logprobs: null,
      },
    ],
    usage: {
      prompt_tokens: step.usage ?? 100,
      completion_tokens: 20,
      total_tokens: (step.usage ?? 100) + 20,
    },
  };
}

function streamReply(res: ServerResponse, body: Record<string, unknown>, content: string) {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const pieces = content.match(/.{1,8}/gs) ?? [''];
  for (const [k, piece] of pieces.entries()) {
    const chunk = {
      id: 'chatcmpl-fake',
      object: 'chat.completion.chunk',
      created: 1_764_000_000,
      model: String(body.model ?? 'fake'),
      choices: [
        {
          index: 0,
          delta: k === 0 ? { role: 'assistant', content: piece } : { content: piece },
          finish_reason: null,
        },
      ],
    };
    res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  }
  res.write(
    `data: ${JSON.stringify({ id: 'chatcmpl-fake', object: 'chat.completion.chunk', created: 1_764_000_000, model: String(body.model ?? 'fake'), choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`,
  );
  res.end('data: [DONE]\n\n');
}

function embeddingsReply(body: Record<string, unknown>, vectors: number[][] | undefined) {
  const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
  const dims = typeof body.dimensions === 'number' ? body.dimensions : 8;
  const base64 = body.encoding_format === 'base64';
  return {
    object: 'list',
    model: String(body.model ?? 'fake'),
    data: inputs.map((text, index) => {
      const v = vectors?.[index] ?? vectorFor(text, dims);
      return {
        object: 'embedding',
        index,
        embedding: base64 ? Buffer.from(new Float32Array(v).buffer).toString('base64') : v,
      };
    }),
    usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
  };
}

/**
 * A local OpenAI-compatible server for tests: chat completions (plain, structured, streaming) and
 * embeddings (float or base64, as the SDK asks by default), answering from a per-test script and
 * recording every request. A request beyond the script is answered 500 and fails close().
 */
export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const steps: FakeStep[] = [];
  const requests: RecordedRequest[] = [];
  const unexpected: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (c: Buffer) => {
      raw += c.toString('utf8');
    });
    req.on('end', () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const path = (req.url ?? '').replace(/^\/v1/, '');
      requests.push({ path, body, raw });
      const endpoint = path.startsWith('/chat/completions')
        ? 'chat'
        : path.startsWith('/embeddings')
          ? 'embeddings'
          : null;
      const step = steps.shift();
      if (!step || step.endpoint !== endpoint) {
        unexpected.push(`${req.method} ${path}: ${step ? `scripted ${step.endpoint}` : 'script ran out'}`);
        send(
          res,
          500,
          { error: { message: 'fake OpenAI: no scripted reply for this request', type: 'fake' } },
          { 'x-should-retry': 'false' },
        );
        return;
      }
      if ('status' in step) {
        send(res, step.status, { error: { message: `scripted ${step.status}`, type: 'fake' } }, step.headers);
        return;
      }
      if (step.endpoint === 'embeddings') {
        send(res, 200, embeddingsReply(body, step.vectors));
        return;
      }
      if (body.stream === true) streamReply(res, body, step.content ?? JSON.stringify(step.json ?? ''));
      else send(res, 200, chatReply(body, step));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    unexpected,
    script: (...s) => {
      steps.push(...s);
    },
    remaining: () => steps.length,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (unexpected.length > 0)
        throw new Error(`fake OpenAI got unscripted requests: ${unexpected.join('; ')}`);
    },
  };
}
