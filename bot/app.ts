import type { Server } from 'node:http';
import {
  App,
  type CustomRoute,
  HTTPReceiver,
  LogLevel,
  type Logger as SlackLogger,
  SocketModeReceiver,
} from '@slack/bolt';
import { type Config, slackMode } from '../core/config.ts';
import { CseError, ErrorCode, toCseError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { SlackDeps } from './answer-flow.ts';
import { healthRoute } from './http/health-route.ts';
import { registerListeners } from './listeners/index.ts';

/**
 * What Bolt says, fit for our logs: its own words only. Objects (a payload, a body) are not
 * printed, and quoted fragments (a JSON parser quoting the body it refused) are cut out.
 */
const boltLine = (msg: unknown[]) =>
  msg
    .map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : `[${typeof m}]`))
    .join(' ')
    .replace(/"[^"]*"/g, '"…"');

/**
 * Bolt logs through our logger (pino), so tokens are redacted the same way; its debug lines
 * (request bodies: customer text, emails) are never logged, at any level.
 */
export function boltLogger(logger: Logger): SlackLogger {
  const child = logger.child({ component: 'slack' });
  return {
    debug: () => undefined,
    info: (...msg) => child.info(boltLine(msg)),
    warn: (...msg) => child.warn(boltLine(msg)),
    error: (...msg) => child.error(boltLine(msg)),
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

export interface SlackApp {
  app: App;
  mode: 'socket' | 'http';
  /** Starts receiving: the HTTP server on `port`, or the Socket Mode connection. */
  start(port?: number): Promise<Server | undefined>;
  stop(): Promise<void>;
}

/** Routes served next to /slack/events by the HTTP receiver (health check, later the feedback API). */
/** Slack requests signed more than this far from now, in either direction, are refused (replays). */
export const SLACK_TIMESTAMP_SKEW_S = 300;

/**
 * Bolt refuses requests signed more than five minutes ago but accepts ones from the future; a
 * captured request re-sent later must fail both ways. Signatures are about real elapsed time
 * between Slack and this server, so this reads the system time, not the business clock.
 */
function rejectSkewedTimestamps(receiver: HTTPReceiver): void {
  const inner = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    // The path as Bolt routes it (dot segments resolved: /slack/./events is /slack/events).
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (
      req.method === 'POST' &&
      (path === '/slack/events' || req.headers['x-slack-signature'] !== undefined)
    ) {
      const ts = Number(req.headers['x-slack-request-timestamp']);
      if (!Number.isFinite(ts) || Math.abs(Date.now() / 1000 - ts) > SLACK_TIMESTAMP_SKEW_S) {
        res.writeHead(401, { 'content-type': 'text/plain' });
        res.end('x-slack-request-timestamp is more than 5 minutes from now');
        return;
      }
    }
    inner(req, res);
  };
}

/**
 * The Slack app over the same router as the CLI. Socket Mode when SLACK_APP_TOKEN is set (no public
 * URL needed), else the HTTP receiver at /slack/events (needs SLACK_SIGNING_SECRET). SLACK_API_URL
 * points the Web API (and Socket Mode's apps.connections.open) at another base URL.
 */
export function createSlackApp(
  deps: SlackDeps,
  options: { mode?: 'socket' | 'http'; customRoutes?: CustomRoute[] } = {},
): SlackApp {
  const config: Config = deps.config;
  const mode = options.mode ?? slackMode(config);
  if (!mode || !config.SLACK_BOT_TOKEN) {
    throw new CseError(ErrorCode.ConfigInvalid, 'Slack is not configured', {
      hint: 'Set SLACK_BOT_TOKEN and SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP); docs/slack-setup.md walks through it',
    });
  }
  const logger = boltLogger(deps.logger);
  const clientOptions = { slackApiUrl: config.SLACK_API_URL };
  const routes = [
    healthRoute({ db: deps.db, queue: deps.feedbackQueue ?? null }),
    ...(options.customRoutes ?? []),
  ];
  let receiver: HTTPReceiver | SocketModeReceiver;
  if (mode === 'socket') {
    if (!config.SLACK_APP_TOKEN)
      throw new CseError(ErrorCode.ConfigInvalid, 'Socket Mode needs SLACK_APP_TOKEN', {
        hint: 'Create an app-level token with connections:write (Basic Information → App-Level Tokens)',
      });
    receiver = new SocketModeReceiver({
      appToken: config.SLACK_APP_TOKEN,
      logger,
      installerOptions: { clientOptions },
    });
  } else {
    if (!config.SLACK_SIGNING_SECRET)
      throw new CseError(ErrorCode.ConfigInvalid, 'The HTTP receiver needs SLACK_SIGNING_SECRET', {
        hint: 'Copy it from Basic Information → App Credentials → Signing Secret in your Slack app settings',
      });
    receiver = new HTTPReceiver({
      signingSecret: config.SLACK_SIGNING_SECRET,
      endpoints: '/slack/events',
      customRoutes: routes,
      logger,
      processBeforeResponse: false,
    });
  }
  if (receiver instanceof HTTPReceiver) rejectSkewedTimestamps(receiver);
  const app = new App({ token: config.SLACK_BOT_TOKEN, receiver, logger, clientOptions });
  app.error(async (error) => {
    deps.logger.error({ err: toCseError(error.original ?? error).message }, 'Slack listener failed');
  });
  registerListeners(app, deps);
  return {
    app,
    mode,
    async start(port) {
      const started = await app.start(port ?? config.PORT);
      return mode === 'http' ? (started as Server) : undefined;
    },
    stop: () => app.stop() as Promise<void>,
  };
}
