import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeChannelMessage, FakeSlackApi } from '../../bench/fake-slack-api.ts';
import { postToSlackApp, signedRequest } from '../../bench/slack-request.ts';
import type { SlackApp } from '../../bot/app.ts';
import { slackChannelReader } from '../../bot/channel-reader.ts';
import { fixedClock } from '../../core/clock.ts';
import { type Config, loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import { backfillChannel, backfillChannels, type ChannelHistoryReader } from '../../jobs/channel-backfill.ts';
import { localDetector, scanSignals } from '../../jobs/customer-signals.ts';
import { schedulerPass } from '../../jobs/daily-run.ts';
import { checkResponseSla } from '../../jobs/evaluate-alerts.ts';
import { listAlerts } from '../../store/repositories/alerts.ts';
import { findChannel } from '../../store/repositories/customer-channels.ts';
import { dayParts } from '../helpers/daily-parts.ts';
import { slackTestDeps, startHttpSlackApp, TEST_AS_OF } from '../helpers/slack-app.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const SECRET = 'customer-channels-secret';
const LINKED = 'C0ACMELINK';
const SHARED = 'C0SHARED01';
const AMBIGUOUS = 'C0AMBIG001';
const CUSTOMER = 'UCUSTOMER1';
const STRANGER_CSM_CHANNEL = 'C0OTHER001';

let store: TestStore;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
let config: Config;
let seq = 0;
const acme = { id: '', domain: '' };
const people = { own: { slack: '', email: '' }, other: { slack: '', email: '' } };

/** Acme's channel history: 11 messages, one of them a thread of 2 replies (ts in seconds of 2026-11). */
function history(): { messages: FakeChannelMessage[]; replies: Record<string, FakeChannelMessage[]> } {
  const messages: FakeChannelMessage[] = Array.from({ length: 11 }, (_, k) => ({
    ts: `${1779000000 + k * 3600}.000100`,
    user: k % 3 === 0 ? people.own.slack : CUSTOMER,
    text:
      k === 4
        ? 'Heads up: leadership asked us to wind this contract down when the term is up.'
        : `Update number ${k} on the rollout.`,
  }));
  messages.push({
    ts: '1779000000.000200',
    user: 'UBOT00001',
    bot_id: 'BBOT00001',
    text: 'Reminder: QBR on Friday',
    subtype: 'bot_message',
  });
  messages.push({ ts: '1779000001.000100', user: CUSTOMER, text: '', subtype: 'channel_join' });
  const parent = messages[2] as FakeChannelMessage;
  parent.reply_count = 2;
  return {
    messages,
    replies: {
      [parent.ts]: [
        {
          ts: `${Math.floor(Number(parent.ts)) + 60}.000100`,
          thread_ts: parent.ts,
          user: people.own.slack,
          text: 'On it, we will fix it today.',
        },
        {
          ts: `${Math.floor(Number(parent.ts)) + 120}.000100`,
          thread_ts: parent.ts,
          user: CUSTOMER,
          text: 'Thanks, that works.',
        },
      ],
    },
  };
}

const send = (payload: Record<string, unknown>, kind: 'event' | 'command' | 'interaction') =>
  postToSlackApp(url, signedRequest(SECRET, payload, kind));

function event(body: Record<string, unknown>) {
  seq++;
  return {
    token: 'legacy',
    team_id: 'T00000001',
    api_app_id: 'A0CSENGINE',
    type: 'event_callback',
    event_id: `EvCC${seq}`,
    event_time: 1764000000 + seq,
    event: body,
  };
}

/** A message said in a channel, as the Events API delivers it. */
const channelSays = (
  channel: string,
  user: string,
  text: string,
  ts: string,
  extra: Record<string, unknown> = {},
) => event({ type: 'message', channel, channel_type: 'channel', user, text, ts, ...extra });

function slash(text: string, user: string, channel: string) {
  seq++;
  return {
    token: 'legacy',
    team_id: 'T00000001',
    team_domain: 'cs-team',
    channel_id: channel,
    channel_name: 'ext-acme',
    user_id: user,
    user_name: 'someone',
    command: '/cs',
    text,
    api_app_id: 'A0CSENGINE',
    response_url: `${fake.responseUrlBase}cc-${seq}`,
    trigger_id: `trigger-${seq}`,
  };
}

const reply = (n: number) =>
  fake
    .waitFor((c) => c.method === 'response_url' && c.url.endsWith(`/cc-${n}`))
    .then((c) => String(c.body.text));
const messagesOf = (channel: string) =>
  store.db.query<{ ts: string; side: string; text: string; thread_ts: string | null }>(
    'SELECT ts, side, text, thread_ts FROM customer_messages WHERE channel_id = $1 ORDER BY ts',
    [channel],
  );
const signalsOf = (channel: string) =>
  store.db.query<{ source_id: string; kind: string }>(
    `SELECT source_id, kind FROM customer_signals WHERE source = 'slack' AND source_id LIKE $1 ORDER BY source_id, kind`,
    [`${channel}:%`],
  );
const deps = () => ({
  db: store.db,
  logger: createLogger('silent'),
  now: () => `${TEST_AS_OF}T12:00:00.000Z`,
  detector: localDetector(),
});
const reader = (pageSize: number) =>
  slackChannelReader(new webApi.WebClient('xoxb-test-token', { slackApiUrl: fake.apiUrl }), pageSize);

beforeAll(async () => {
  store = await openDemoStore(TEST_AS_OF, 60);
  const [a] = await store.db.query<{ account_id: string; domain: string; slack_id: string; email: string }>(
    `SELECT a.account_id, a.domain, u.slack_id, u.email FROM accounts a JOIN users u ON u.email = a.csm WHERE a.name = 'Acme Corp'`,
  );
  const [other] = await store.db.query<{ slack_id: string; email: string }>(
    `SELECT slack_id, email FROM users WHERE role = 'csm' AND email <> $1 ORDER BY user_id LIMIT 1`,
    [a?.email],
  );
  Object.assign(acme, { id: a?.account_id, domain: a?.domain });
  people.own = { slack: a?.slack_id ?? '', email: a?.email ?? '' };
  people.other = { slack: other?.slack_id ?? '', email: other?.email ?? '' };
  // Two accounts share a domain for the ambiguous Slack Connect channel.
  await store.db.query(
    `UPDATE accounts SET domain = 'twins.example' WHERE account_id IN (
    SELECT account_id FROM accounts WHERE account_id <> $1 ORDER BY account_id LIMIT 2)`,
    [acme.id],
  );
  const acmeHistory = history();
  fake = await new FakeSlackApi({
    emails: {
      [CUSTOMER]: `jo@${acme.domain}`,
      UTWIN00001: 'sam@twins.example',
      [people.own.slack]: people.own.email,
    },
    teams: { [CUSTOMER]: 'TCUSTOMER1', UTWIN00001: 'TTWINS0001' },
    names: { [CUSTOMER]: 'Jo Rivera' },
    rateLimitOnce: ['conversations.history'],
    channels: {
      [LINKED]: { name: 'ext-acme', messages: acmeHistory.messages, replies: acmeHistory.replies },
      [SHARED]: { name: 'acme-shared', ext_shared: true, members: [people.own.slack, CUSTOMER, 'UBOT00001'] },
      [AMBIGUOUS]: { name: 'twins', ext_shared: true, members: [people.own.slack, 'UTWIN00001'] },
    },
  }).start();
  config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  ({ app: slack, url } = await startHttpSlackApp(slackTestDeps(store.db, config)));
});
afterAll(async () => {
  await slack?.stop();
  await fake?.stop();
  await store?.cleanup();
});

describe('customer channels through Slack', () => {
  it("links a channel with /cs link channel as its CSM, and refuses another book's CSM", async () => {
    await send(slash('link channel Acme Corp', people.own.slack, LINKED), 'command');
    expect(await reply(seq)).toContain('Acme Corp');
    expect(await findChannel(store.db, LINKED)).toMatchObject({
      account_id: acme.id,
      linked_via: 'slack_command',
      backfill_state: 'pending',
    });
    await send(slash('link this channel to Acme Corp', people.other.slack, STRANGER_CSM_CHANNEL), 'command');
    expect(await reply(seq)).toContain('outside your book');
    expect(await findChannel(store.db, STRANGER_CSM_CHANNEL)).toBeNull();
  });

  it('back-fills the history page by page through a 429, and a kill mid-way resumes with every message once', async () => {
    const channel = await findChannel(store.db, LINKED);
    if (!channel) throw new Error('not linked');
    // A process killed after two pages: the third page's read never returns.
    const real = reader(4);
    let pages = 0;
    const dying: ChannelHistoryReader = {
      ...real,
      history: async (...args) => {
        if (++pages === 3) throw new Error('killed');
        return real.history(...args);
      },
    };
    await expect(backfillChannel(deps(), dying, channel)).rejects.toThrow('killed');
    const cut = await findChannel(store.db, LINKED);
    expect(cut).toMatchObject({ backfill_state: 'running', backfill_cursor: 'off:8', backfill_pages: 2 });
    const before = fake.callsTo('conversations.history').length;
    const done = await backfillChannels(deps(), reader(4));
    expect(done).toMatchObject({ channels: 1, failed: 0 });
    // Resumed at the cursor: the first call after the kill asked for the third page.
    expect(fake.callsTo('conversations.history')[before]?.body.cursor).toBe('off:8');
    // The first history call was answered 429 (Retry-After 0) and retried by the SDK.
    expect(fake.callsTo('conversations.history')[0]?.reply).toEqual({ ok: false, error: 'ratelimited' });
    const stored = await messagesOf(LINKED);
    // 11 people's messages and 2 replies, each once; the bot's post is kept as the bot's, the join is not.
    expect(stored).toHaveLength(14);
    expect(new Set(stored.map((m) => m.ts)).size).toBe(14);
    expect(stored.filter((m) => m.side === 'bot')).toHaveLength(1);
    expect(stored.filter((m) => m.thread_ts !== null).map((m) => m.side)).toEqual(['team', 'customer']);
    expect(await findChannel(store.db, LINKED)).toMatchObject({
      backfill_state: 'done',
      backfill_cursor: null,
    });
    const churn = (await signalsOf(LINKED)).filter((s) => s.kind === 'churn_intent');
    expect(churn.map((s) => s.source_id)).toEqual([`${LINKED}:${1779000000 + 4 * 3600}.000100`]);
  });

  it('stores live messages and thread replies with their side, follows edits and deletes', async () => {
    const ts = '1764000500.000100';
    await send(
      channelSays(LINKED, CUSTOMER, 'We are planning to cancel at renewal, the team never adopted it.', ts),
      'event',
    );
    await send(
      channelSays(LINKED, people.own.slack, 'Sorry to hear, can we talk tomorrow?', '1764000600.000100', {
        thread_ts: ts,
      }),
      'event',
    );
    await expect
      .poll(async () =>
        (await messagesOf(LINKED))
          .filter((m) => Number(m.ts) >= Number(ts) && Number(m.ts) < 1770000000)
          .map((m) => [m.side, m.thread_ts]),
      )
      .toEqual([
        ['customer', null],
        ['team', ts],
      ]);
    expect(
      (await signalsOf(LINKED)).filter((s) => s.source_id === `${LINKED}:${ts}`).map((s) => s.kind),
    ).toContain('churn_intent');
    await send(
      event({
        type: 'message',
        subtype: 'message_changed',
        channel: LINKED,
        channel_type: 'channel',
        ts: '1764000700.000100',
        message: {
          ts,
          user: CUSTOMER,
          text: 'Thanks for the help with the export today.',
          edited: { ts: '1764000700.000100' },
        },
      }),
      'event',
    );
    await expect
      .poll(async () => (await messagesOf(LINKED)).find((m) => m.ts === ts)?.text)
      .toBe('Thanks for the help with the export today.');
    expect(
      (await signalsOf(LINKED)).filter((s) => s.source_id === `${LINKED}:${ts}`).map((s) => s.kind),
    ).not.toContain('churn_intent');
    await send(
      event({
        type: 'message',
        subtype: 'message_deleted',
        channel: LINKED,
        channel_type: 'channel',
        ts: '1764000800.000100',
        deleted_ts: ts,
      }),
      'event',
    );
    await expect.poll(async () => (await messagesOf(LINKED)).some((m) => m.ts === ts)).toBe(false);
    expect((await signalsOf(LINKED)).filter((s) => s.source_id === `${LINKED}:${ts}`)).toEqual([]);
    // A channel nobody linked: nothing is stored.
    await send(channelSays('C0NOTLINKD', CUSTOMER, 'hello', ts), 'event');
    await send(channelSays(LINKED, CUSTOMER, 'marker', '1764000900.000100'), 'event');
    await expect.poll(async () => (await messagesOf(LINKED)).some((m) => m.text === 'marker')).toBe(true);
    expect(await messagesOf('C0NOTLINKD')).toEqual([]);
  });

  it("links a Slack Connect channel by its guests' domain, and asks when the domain is ambiguous", async () => {
    await send(
      event({
        type: 'member_joined_channel',
        user: 'UBOT00001',
        channel: SHARED,
        inviter: people.own.slack,
        channel_type: 'C',
      }),
      'event',
    );
    await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === SHARED);
    expect(await findChannel(store.db, SHARED)).toMatchObject({
      account_id: acme.id,
      linked_via: 'slack_connect',
      shared: true,
    });
    await send(
      event({
        type: 'member_joined_channel',
        user: 'UBOT00001',
        channel: AMBIGUOUS,
        inviter: people.own.slack,
        channel_type: 'C',
      }),
      'event',
    );
    const asked = await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.channel === AMBIGUOUS);
    expect(String(asked.body.text)).toContain('Which account is it?');
    expect(await findChannel(store.db, AMBIGUOUS)).toBeNull();
  });

  it('logs a message as feedback by the :memo: reaction, once, and prefills the account in the shortcut', async () => {
    const [said] = (await messagesOf(LINKED)).filter(
      (m) => m.side === 'customer' && m.text.startsWith('Update'),
    );
    const react = () =>
      send(
        event({
          type: 'reaction_added',
          user: people.own.slack,
          reaction: 'memo',
          item: { type: 'message', channel: LINKED, ts: said?.ts },
          event_ts: '1764001000.000100',
        }),
        'event',
      );
    await react();
    const told = await fake.waitFor((c) => c.method === 'chat.postEphemeral' && c.body.channel === LINKED);
    expect(String(told.body.text)).toMatch(/^Logged feedback for Acme Corp as /);
    await react();
    await fake.waitFor(
      (c) =>
        c.method === 'chat.postEphemeral' &&
        String(c.body.text).startsWith('That feedback for Acme Corp is already logged'),
    );
    const rows = await store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM feedback WHERE account_id = $1 AND text = $2`,
      [acme.id, said?.text],
    );
    expect(rows[0]?.n).toBe(1);
    seq++;
    await send(
      {
        type: 'message_action',
        callback_id: 'log_feedback',
        trigger_id: `t-${seq}`,
        user: { id: people.own.slack },
        team: { id: 'T00000001' },
        channel: { id: LINKED, name: 'ext-acme' },
        message: { type: 'message', ts: said?.ts, text: said?.text },
        response_url: `${fake.responseUrlBase}sc-${seq}`,
      },
      'interaction',
    );
    const opened = await fake.waitFor((c) => c.method === 'views.open' && c.body.trigger_id === `t-${seq}`);
    expect(JSON.stringify(opened.body.view)).toContain(`"initial_value":"${acme.id}"`);
  });

  it('alerts a customer question left unanswered past the SLA, and resolves it when our team replies', async () => {
    const asked = '1795496400.000100'; // 2026-11-24 05:00 UTC, seven hours before the clock's noon
    await send(
      channelSays(
        LINKED,
        CUSTOMER,
        'Could someone tell us how to export the audit log for our compliance review?',
        asked,
      ),
      'event',
    );
    await expect
      .poll(async () =>
        (await signalsOf(LINKED)).filter((s) => s.source_id === `${LINKED}:${asked}`).map((s) => s.kind),
      )
      .toContain('question');
    // A scheduler pass at noon: the day's run, then the questions judged against the SLA.
    await schedulerPass({
      ...dayParts(store.db, TEST_AS_OF),
      clock: fixedClock(`${TEST_AS_OF}T12:00:00.000Z`),
    });
    // A second pass raises nothing new.
    expect(await checkResponseSla(store.db, [acme.id], TEST_AS_OF, `${TEST_AS_OF}T12:15:00.000Z`)).toEqual(
      [],
    );
    const alert = async () =>
      (await listAlerts(store.db, { keys: null, states: null })).find(
        (a) => a.rule === 'customer_unanswered' && a.account_id === acme.id,
      );
    expect((await alert())?.reason).toContain('unanswered past the');
    // Our team replies in the thread: the alert resolves as the reply is stored.
    await send(
      channelSays(
        LINKED,
        people.own.slack,
        'Settings, then Audit, then Export. Sending a video too.',
        '1795518000.000100',
        { thread_ts: asked },
      ),
      'event',
    );
    await expect.poll(async () => (await alert())?.state).toBe('resolved');
  });

  it('sends the requests and bugs customers write in the channel to the feedback loop, once each', async () => {
    const ts = '1795500000.000300';
    const said = 'Since this morning the CSV export has every date shifted by one day, can you fix it?';
    const message = channelSays(LINKED, CUSTOMER, said, ts);
    await send(message, 'event');
    const item = () =>
      store.db.query<{ feedback_id: string; source: string; account_id: string }>(
        `SELECT feedback_id, source, account_id FROM feedback WHERE attributes->>'external_id' = $1`,
        [`msg-${LINKED}-${ts}`],
      );
    await expect
      .poll(async () => (await item()).map((f) => [f.feedback_id, f.source, f.account_id]))
      .toEqual([[`ext-slack-msg-${LINKED}-${ts}`, 'slack', acme.id]]);
    // Slack retries the event: still one item.
    await send({ ...message, event_id: `${message.event_id}-retry` }, 'event');
    await send(channelSays(LINKED, CUSTOMER, 'marker two', '1795500100.000100'), 'event');
    await expect.poll(async () => (await messagesOf(LINKED)).some((m) => m.text === 'marker two')).toBe(true);
    expect(await item()).toHaveLength(1);
    // Read for signals once, as the message: not again as the feedback item.
    await scanSignals(store.db, `${TEST_AS_OF}T13:00:00.000Z`, localDetector());
    const read = await store.db.query<{ source: string }>(
      `SELECT DISTINCT source FROM customer_signals WHERE source_id IN ($1, $2)`,
      [`${LINKED}:${ts}`, `ext-slack-msg-${LINKED}-${ts}`],
    );
    expect(read.map((r) => r.source)).toEqual(['slack']);
    // Our team's own words are not the customer's feedback.
    await send(
      channelSays(
        LINKED,
        people.own.slack,
        'Please add the export fix to the next release.',
        '1795500200.000100',
      ),
      'event',
    );
    await send(channelSays(LINKED, CUSTOMER, 'marker three', '1795500300.000100'), 'event');
    await expect
      .poll(async () => (await messagesOf(LINKED)).some((m) => m.text === 'marker three'))
      .toBe(true);
    const team = await store.db.query(`SELECT 1 FROM feedback WHERE attributes->>'external_id' = $1`, [
      `msg-${LINKED}-1795500200.000100`,
    ]);
    expect(team).toEqual([]);
  });
});
