import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Runtime } from '../cli/runtime';
import { createLlmGateway } from '../llm/gateway';
import { pruneSlackDeliveries } from '../store/repositories/slack-deliveries';
import { todayUtc } from '../tools/dates/calendar';
import type { SlackDeps } from './answer-flow';
import { createSlackApp, type SlackApp } from './app';

/** Answers slower than this show "Working on it…" first, then are replaced in place. */
export const WORKING_NOTICE_MS = 1500;

export function slackDeps(rt: Runtime, overrides: Partial<SlackDeps> = {}): SlackDeps {
  return {
    db: rt.db,
    config: rt.config,
    logger: rt.logger,
    llm: createLlmGateway(rt.config, rt.logger),
    today: todayUtc,
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
export async function runSlack(
  rt: Runtime,
  mode: 'socket' | 'http',
  port: number,
  note: (text: string) => void,
): Promise<void> {
  await pruneSlackDeliveries(rt.db);
  const slack: SlackApp = createSlackApp(slackDeps(rt), { mode });
  const server: Server | undefined = await slack.start(port);
  if (server) {
    const address = server.address() as AddressInfo;
    note(
      `Listening on http://localhost:${address.port}: Slack events, commands and interactivity at /slack/events, health at /healthz. Ctrl-C stops.`,
    );
  } else note('Connected to Slack in Socket Mode: mention the bot, DM it, or use /cs. Ctrl-C stops.');
  const signal = await untilStopped();
  note(`${signal}: stopping`);
  await slack.stop();
}
