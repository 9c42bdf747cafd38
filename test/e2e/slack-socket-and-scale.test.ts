import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { FakeSlackApi, type SlackCall } from '../../bench/fake-slack-api.ts';
import { postToSlackApp, signedRequest } from '../../bench/slack-request.ts';
import type { SlackDeps } from '../../bot/answer-flow.ts';
import { createSlackApp } from '../../bot/app.ts';
import { messageProblems, type SlackMessage } from '../../bot/render/slack-limits.ts';
import type { PortfolioReviewData } from '../../commands/portfolio-review/command.ts';
import { run } from '../../commands/router.ts';
import { loadConfig } from '../../core/config.ts';
import { testContext } from '../helpers/command-context.ts';
import { slackTestDeps, startHttpSlackApp } from '../helpers/slack-app.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';
const SECRET = 'scale-secret';
let store: TestStore;
let leader: string;

const deps = (config: SlackDeps['config'], overrides: Partial<SlackDeps> = {}) =>
  slackTestDeps(store.db, config, overrides);
const message = (c: SlackCall): SlackMessage => ({
  text: String(c.body.text),
  blocks: c.body.blocks as SlackMessage['blocks'],
});

beforeAll(async () => {
  store = await openDemoStore(AS_OF, 600, 7);
  const [row] = await store.db.query<{ slack_id: string }>(
    `SELECT slack_id FROM users WHERE role = 'leader' ORDER BY user_id LIMIT 1`,
  );
  leader = row?.slack_id ?? '';
});
afterAll(async () => store?.cleanup());

describe('a 600-account portfolio review in Slack', () => {
  it('posts "working on it", replaces it in place with an answer within Block Kit limits, and pages the details', async () => {
    const fake = await new FakeSlackApi().start();
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-scale',
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.apiUrl,
    });
    const { app: slack, url } = await startHttpSlackApp(deps(config, { workingNoticeMs: 0 }));
    try {
      const ts = '1764100000.000001';
      const payload = {
        token: 'legacy',
        team_id: 'T00000001',
        api_app_id: 'A0CSENGINE',
        type: 'event_callback',
        event_id: 'EvSCALE1',
        event_time: 1764100000,
        event: {
          type: 'app_mention',
          user: leader,
          text: '<@UBOT00001> portfolio review',
          ts,
          channel: 'C0LEADS',
          event_ts: ts,
        },
      };
      const ack = await postToSlackApp(url, signedRequest(SECRET, payload, 'event'));
      expect(ack.status).toBe(200);
      const update = await fake.waitFor((c) => c.method === 'chat.update');
      const placeholder = fake.callsTo('chat.postMessage');
      expect(placeholder).toHaveLength(1);
      expect(String(placeholder[0]?.body.text)).toBe('Working on it: portfolio review');
      expect(placeholder[0]?.body.thread_ts).toBe(ts);
      expect(update.body.ts).toBe('1700000001.000100');
      const answer = message(update);
      expect(messageProblems(answer)).toEqual([]);
      const expected = (await run(testContext(store.db, AS_OF), 'portfolio_review', { as_of: AS_OF }))
        .data as PortfolioReviewData;
      expect(expected.portfolio.total_accounts).toBeGreaterThan(400);
      const fields = answer.blocks[1];
      expect(fields?.type === 'section' && fields.fields?.[0]?.text).toBe(
        `*Active accounts*\n${expected.portfolio.total_accounts.toLocaleString('en-US')}`,
      );
      // Every details page fits too.
      const { detailsMessage } = await import('../../bot/render/answer-message.ts');
      const answerObject = await run(testContext(store.db, AS_OF), 'portfolio_review', { as_of: AS_OF });
      for (let page = 1; page <= 3; page++)
        expect(messageProblems(detailsMessage(answerObject, page))).toEqual([]);
    } finally {
      await slack.stop();
      await fake.stop();
    }
  });
});

describe('Socket Mode', () => {
  it('connects through apps.connections.open, acknowledges an envelope and answers through the Web API', async () => {
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    const { port } = wss.address() as { port: number };
    const fake = await new FakeSlackApi({ socketUrl: `ws://127.0.0.1:${port}/` }).start();
    const acked = new Promise<string>((resolve) => {
      wss.on('connection', (socket: WebSocket) => {
        socket.on('message', (data) => {
          const frame = JSON.parse(String(data)) as { envelope_id?: string };
          if (frame.envelope_id) resolve(frame.envelope_id);
        });
        socket.send(
          JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0CSENGINE' } }),
        );
        socket.send(
          JSON.stringify({
            envelope_id: 'env-1',
            type: 'events_api',
            accepts_response_payload: false,
            retry_attempt: 0,
            retry_reason: '',
            payload: {
              token: 'legacy',
              team_id: 'T00000001',
              api_app_id: 'A0CSENGINE',
              type: 'event_callback',
              event_id: 'EvSOCKET1',
              event_time: 1764100000,
              event: {
                type: 'app_mention',
                user: leader,
                text: '<@UBOT00001> help',
                ts: '1764100001.000001',
                channel: 'C0SOCK',
                event_ts: '1764100001.000001',
              },
            },
          }),
        );
      });
    });
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-socket',
      SLACK_APP_TOKEN: 'xapp-1-socket',
      SLACK_API_URL: fake.apiUrl,
    });
    const slack = createSlackApp(deps(config), { mode: 'socket' });
    try {
      await slack.start();
      expect(await acked).toBe('env-1');
      const posted = await fake.waitFor(
        (c) => c.method === 'chat.postMessage' && c.body.thread_ts === '1764100001.000001',
      );
      expect((posted.body.blocks as SlackMessage['blocks'])[0]).toMatchObject({
        type: 'header',
        text: { text: 'What I can answer' },
      });
      expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
    } finally {
      await slack.stop();
      await fake.stop();
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
  });
});
