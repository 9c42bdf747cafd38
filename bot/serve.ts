import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { personNames } from '../facts/contacts.ts';
import { configuredDetector } from '../jobs/customer-signals.ts';
import { feedbackRuntime } from '../jobs/feedback-runtime.ts';
import {
  rearmSlaChecks,
  requeueUnfinished,
  runFeedbackWorker,
  startRedrive,
} from '../jobs/feedback-worker.ts';
import { type Scheduler, startScheduler } from '../jobs/scheduler.ts';
import { createLlmGateway } from '../llm/gateway.ts';
import { pruneSlackDeliveries } from '../records/slack-deliveries.ts';
import type { Runtime } from '../store/runtime.ts';
import { slackAlertNotifier } from './alert-notifier.ts';
import type { SlackDeps } from './answer-flow.ts';
import { createSlackApp, type SlackApp } from './app.ts';
import { channelFeedback } from './channel-feedback.ts';
import { configuredChannelReader } from './channel-reader.ts';
import { slackFeedbackNotifier } from './feedback-notifier.ts';
import { startHttpApi } from './http/api-server.ts';
import { authFailureLog } from './http/auth-failures.ts';
import { feedbackRoute } from './http/feedback-route.ts';
import { healthRoute } from './http/health-route.ts';
import { productEventRoutes } from './http/product-events-route.ts';
import { startSlackRedrive } from './slack-redrive.ts';

/** Answers slower than this show "Working on it…" first, then are replaced in place. */
export const WORKING_NOTICE_MS = 1500;

export function slackDeps(rt: Runtime, overrides: Partial<SlackDeps> = {}): SlackDeps {
  return {
    db: rt.db,
    config: rt.config,
    logger: rt.logger,
    llm: createLlmGateway(rt.config, rt.logger, () => personNames(rt.db)),
    clock: rt.clock,
    workingNoticeMs: WORKING_NOTICE_MS,
    ...overrides,
  };
}

/** Resolves on SIGINT or SIGTERM: how a long-running command knows to shut down cleanly. */
export function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const stop = (signal: string) => resolve(signal);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * Runs the Slack app until stopped: Socket Mode, or the HTTP receiver on `port`. Says where it
 * listens through `note`.
 */
/** The feedback queue of a server process; with the in-process driver this process works it too. */
async function serverFeedbackQueue(rt: Runtime) {
  const { queue, options: worker } = feedbackRuntime(rt, { notifier: slackFeedbackNotifier(rt) });
  if (queue.driver === 'in-process') {
    runFeedbackWorker(worker);
    await requeueUnfinished(worker);
    await rearmSlaChecks(worker);
    startRedrive(worker);
  }
  return queue;
}

/** The daily scheduler of a server or worker process (DESIGN §11), with Slack delivery when configured. */
export async function startServerScheduler(rt: Runtime, note: (text: string) => void): Promise<Scheduler> {
  const scheduler = await startScheduler(
    {
      db: rt.db,
      config: rt.config,
      logger: rt.logger,
      clock: rt.clock,
      notifier: slackAlertNotifier(rt),
      channelReader: configuredChannelReader(rt.config),
      signalDetector: configuredDetector(rt.config, slackDeps(rt).llm, rt.logger),
      // Back-filled requests and bugs are stored as feedback; the feedback workers pick them up.
      channelFeedback: channelFeedback(slackDeps(rt, { feedbackQueue: null })),
    },
    {
      redisUrl: rt.config.REDIS_URL,
      prefix: rt.config.QUEUE_PREFIX,
      onError: (error) => rt.logger.error({ err: error }, 'scheduler pass failed: the next pass tries again'),
    },
  );
  note(
    `Scheduler on (${scheduler.driver}): daily snapshots and alerts, DMs, escalations and digests — cse schedule shows them.`,
  );
  return scheduler;
}

/**
 * The HTTP API routes beside Slack's: feedback and product analytics calls, sharing one log of
 * failed authentications (written out when the server stops).
 */
function apiRoutes(rt: Runtime, queue: Awaited<ReturnType<typeof serverFeedbackQueue>>) {
  const authFailures = authFailureLog({
    db: rt.db,
    logger: rt.logger,
    limit: rt.config.CSE_API_AUTH_FAILURE_LIMIT,
    now: () => rt.clock.now().getTime(),
  });
  const deps = { ...rt, queue, apiToken: rt.config.CSE_API_TOKEN, authFailures };
  return { routes: [feedbackRoute(deps), ...productEventRoutes(deps)], close: () => authFailures.close() };
}

/** `cse serve` without Slack tokens: /healthz, POST /v1/feedback and the product-event routes, until stopped. */
export async function runHttpApi(rt: Runtime, port: number, note: (text: string) => void): Promise<void> {
  const queue = await serverFeedbackQueue(rt);
  const api = apiRoutes(rt, queue);
  // Listening first: a scheduler waiting for Redis never keeps /healthz and the API from answering.
  const server = await startHttpApi([healthRoute({ db: rt.db, queue }), ...api.routes], port);
  const scheduler = await startServerScheduler(rt, note);
  const address = server.address() as AddressInfo;
  note(
    `Slack is not configured, so this serves the HTTP API only: http://localhost:${address.port} — POST /v1/feedback and /v1/track, /v1/identify, /v1/group, /v1/batch${rt.config.CSE_API_TOKEN ? '' : ' (set CSE_API_TOKEN to enable)'}, GET /healthz. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET for /slack/events. Ctrl-C stops.`,
  );
  const signal = await untilStopped();
  note(`${signal}: stopping`);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await api.close();
  await scheduler.close();
  await queue.close();
}

export async function runSlack(
  rt: Runtime,
  mode: 'socket' | 'http',
  port: number,
  note: (text: string) => void,
): Promise<void> {
  await pruneSlackDeliveries(rt.db);
  // Feedback logged here is queued; with the in-process queue this process also works the queue.
  const queue = await serverFeedbackQueue(rt);
  const deps = slackDeps(rt, { feedbackQueue: queue });
  const api = apiRoutes(rt, queue);
  const slack: SlackApp = createSlackApp(deps, {
    mode,
    customRoutes: api.routes,
  });
  const server: Server | undefined = await slack.start(port);
  const stopRedrive = startSlackRedrive(deps, slack.app.client);
  const scheduler = await startServerScheduler(rt, note);
  if (server) {
    const address = server.address() as AddressInfo;
    note(
      `Listening on http://localhost:${address.port}: Slack events, commands and interactivity at /slack/events, feedback at POST /v1/feedback${rt.config.CSE_API_TOKEN ? '' : ' (set CSE_API_TOKEN to enable)'}, health at /healthz. Ctrl-C stops.`,
    );
  } else note('Connected to Slack in Socket Mode: mention the bot, DM it, or use /cs. Ctrl-C stops.');
  const signal = await untilStopped();
  note(`${signal}: stopping`);
  stopRedrive();
  await scheduler.close();
  await slack.stop();
  await api.close();
  await queue.close();
}
