import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';

/** Slack's request signature: v0=HMAC-SHA256(secret, "v0:<timestamp>:<body>"). */
export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignedRequest {
  headers: Record<string, string>;
  body: string;
}

/** A request as Slack sends it: JSON for events, form-encoded for commands and interactivity. */
export function signedRequest(
  secret: string,
  payload: Record<string, unknown>,
  kind: 'event' | 'command' | 'interaction',
  extraHeaders: Record<string, string> = {},
  now = Math.floor(Date.now() / 1000),
): SignedRequest {
  const body =
    kind === 'event'
      ? JSON.stringify(payload)
      : kind === 'command'
        ? new URLSearchParams(payload as Record<string, string>).toString()
        : new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return {
    body,
    headers: {
      'content-type': kind === 'event' ? 'application/json' : 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(now),
      'x-slack-signature': slackSignature(secret, now, body),
      ...extraHeaders,
    },
  };
}

/** Posts a signed request to the app's /slack/events; returns the status and the time to the response (the ack). */
export async function postToSlackApp(
  url: string,
  request: SignedRequest,
): Promise<{ status: number; body: string; ackMs: number }> {
  const started = performance.now();
  const res = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  const body = await res.text();
  return { status: res.status, body, ackMs: performance.now() - started };
}

/** A free TCP port on 127.0.0.1 (for a server a test or benchmark starts). */
export async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  probe.close();
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** An Events API delivery as Slack sends it: `event` wrapped with its unique event id. */
export function eventCallback(eventId: string, event: Record<string, unknown>): Record<string, unknown> {
  return {
    token: 'legacy',
    team_id: 'T00000001',
    api_app_id: 'A0CSENGINE',
    type: 'event_callback',
    event_id: eventId,
    event_time: 1764000000,
    event,
  };
}

/** A mention of the bot in a channel, asking `text`, at message time `ts`. */
export function mentionEvent(eventId: string, user: string, text: string, ts: string, channel: string) {
  return eventCallback(eventId, {
    type: 'app_mention',
    user,
    text: `<@UBOT00001> ${text}`,
    ts,
    channel,
    event_ts: ts,
  });
}
