import type { CustomRoute } from '@slack/bolt';
import type { SlackDeps } from '../../bot/answer-flow.ts';
import { createSlackApp, type SlackApp } from '../../bot/app.ts';
import { fixedClock } from '../../core/clock.ts';
import type { Config } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import type { Db } from '../../store/db.ts';

export const TEST_AS_OF = '2026-11-24';
/** The tests' clock: noon UTC on TEST_AS_OF. */
export const TEST_CLOCK = fixedClock(`${TEST_AS_OF}T12:00:00.000Z`);

/** Slack dependencies over a test store, on a fixed day, with no model and no "working" notice. */
export function slackTestDeps(db: Db, config: Config, overrides: Partial<SlackDeps> = {}): SlackDeps {
  return {
    db,
    config,
    logger: createLogger('silent'),
    llm: null,
    clock: TEST_CLOCK,
    workingNoticeMs: 600_000,
    ...overrides,
  };
}

/** The real Bolt app with its HTTP receiver on a free port; the URL of its /slack/events. */
export async function startHttpSlackApp(
  deps: SlackDeps,
  customRoutes: CustomRoute[] = [],
): Promise<{ app: SlackApp; url: string; base: string }> {
  const app = createSlackApp(deps, { mode: 'http', customRoutes });
  const server = await app.start(0);
  const address = server?.address();
  if (!address || typeof address === 'string') throw new Error('the Slack receiver did not start');
  return {
    app,
    url: `http://127.0.0.1:${address.port}/slack/events`,
    base: `http://127.0.0.1:${address.port}`,
  };
}
