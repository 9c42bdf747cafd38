import { createHmac } from 'node:crypto';

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
