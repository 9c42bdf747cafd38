import { randomBytes } from 'node:crypto';
import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi, type SlackCall } from '../../bench/fake-slack-api.ts';
import { postToSlackApp, signedRequest } from '../../bench/slack-request.ts';
import { slackAlertNotifier } from '../../bot/alert-notifier.ts';
import type { SlackApp } from '../../bot/app.ts';
import type { Clock } from '../../core/clock.ts';
import { loadConfig } from '../../core/config.ts';
import { createLogger } from '../../core/logger.ts';
import type { AlertNotifier } from '../../jobs/alert-notifier.ts';
import { type Scheduler, startScheduler } from '../../jobs/scheduler.ts';
import { findAlert, listAlerts } from '../../store/repositories/alerts.ts';
import { csmKeys, findUser } from '../../store/repositories/users.ts';
import { slackTestDeps, startHttpSlackApp, TEST_AS_OF } from '../helpers/slack-app.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

/**
 * The scheduler end to end, on the driver CI gives it (BullMQ with REDIS_URL, in-process
 * otherwise): alert DMs with their buttons, clicks through the signed Bolt app, escalation once in
 * the thread, and one digest per user and day across two workers and a restart.
 */
const SECRET = 'alerts-secret';
let store: TestStore;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
let notifier: AlertNotifier;
const config = loadConfig({});
let users: { user_id: string; slack_id: string; role: string }[];
let instant = `${TEST_AS_OF}T07:00:00.000Z`;
const clock: Clock = { now: () => new Date(instant) };
const prefix = `alerts${randomBytes(4).toString('hex')}`;
const schedulers: Scheduler[] = [];
let seq = 0;

const start = async (worker: string) => {
  const s = await startScheduler(
    { db: store.db, config, logger: createLogger('silent'), clock, notifier, worker },
    {
      redisUrl: process.env.REDIS_URL,
      prefix,
      everyMs: 3_600_000,
      passOnStart: false,
      onError: (e) => {
        throw e;
      },
    },
  );
  schedulers.push(s);
  return s;
};
const slackId = (user: string) => users.find((u) => u.user_id === user)?.slack_id ?? '';
const posts = () => fake.callsTo('chat.postMessage');
const isDigest = (c: SlackCall) => String(c.body.text).startsWith('Your day');
const dmsTo = (id: string) =>
  posts().filter(
    (c) =>
      c.body.channel === id &&
      !c.body.thread_ts &&
      !isDigest(c) &&
      JSON.stringify(c.body.blocks ?? '').includes('alert_ack'),
  );
const actionIds = (c: SlackCall) =>
  ((c.body.blocks ?? []) as { type: string; elements?: { action_id?: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => e.action_id));

async function click(user: string, dm: SlackCall, action: Record<string, unknown>) {
  const ts = String(dm.reply.ts);
  const channel = String(dm.body.channel);
  const before = fake.calls.length;
  await postToSlackApp(
    url,
    signedRequest(
      SECRET,
      {
        type: 'block_actions',
        user: { id: slackId(user) },
        api_app_id: 'A0',
        token: 'legacy',
        team: { id: 'T00000001' },
        container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
        trigger_id: `tr-${++seq}`,
        channel: { id: channel },
        message: { ts, text: 'alert' },
        response_url: `${fake.responseUrlBase}alert-${seq}`,
        actions: [{ block_id: 'a', action_ts: '1', ...action }],
      },
      'interaction',
    ),
  );
  return fake.waitFor(
    (c) => fake.calls.indexOf(c) >= before && c.method === 'chat.postMessage' && c.body.thread_ts === ts,
  );
}

beforeAll(async () => {
  store = await openDemoStore(TEST_AS_OF);
  users = await store.db.query(
    'SELECT user_id, slack_id, role FROM users WHERE slack_id IS NOT NULL ORDER BY user_id',
  );
  // One CSM works from Tokyo: at 07:00 UTC it is already 16:00 there, so their digest goes first.
  const emails = await store.db.query<{ slack_id: string; email: string }>(
    'SELECT slack_id, email FROM users WHERE slack_id IS NOT NULL',
  );
  fake = await new FakeSlackApi({
    emails: Object.fromEntries(emails.map((u) => [u.slack_id, u.email])),
    timeZones: { [slackId('elena.moreau')]: 'Asia/Tokyo' },
  }).start();
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-alerts',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  notifier = slackAlertNotifier(
    { db: store.db, config, logger: createLogger('silent') },
    new webApi.WebClient('xoxb-alerts', { slackApiUrl: fake.apiUrl }),
  ) as AlertNotifier;
  ({ app: slack, url } = await startHttpSlackApp(slackTestDeps(store.db, config, { clock })));
});
afterAll(async () => {
  for (const s of schedulers) await s.close();
  await slack?.stop();
  await fake?.stop();
  await store?.cleanup();
});

describe(`alerts through Slack (${process.env.REDIS_URL ? 'BullMQ' : 'in-process'} scheduler)`, () => {
  let a: Scheduler;
  let b: Scheduler;

  it('two workers run the day once and DM each CSM their accounts’ alerts, with the four buttons', async () => {
    a = await start('worker-a');
    b = await start('worker-b');
    await Promise.all([a.passNow(), b.passNow(), a.passNow()]);
    const runs = await store.db.query<{ job: string; n: number }>(
      'SELECT job, count(*)::int AS n FROM scheduled_runs GROUP BY job ORDER BY job',
    );
    expect(runs).toEqual([
      { job: 'alerts', n: 1 },
      { job: 'churn_model', n: 1 },
      { job: 'signals', n: 1 },
      { job: 'snapshot', n: 1 },
    ]);
    const victor = dmsTo(slackId('victor.rossi'));
    expect(victor.length).toBeGreaterThan(0);
    const globex = victor.find((c) => String(c.body.text).includes('Globex'));
    expect(globex, 'a DM about Globex').toBeDefined();
    expect(actionIds(globex as SlackCall)).toEqual(
      expect.arrayContaining([
        'alert_ack',
        'alert_snooze',
        'alert_snooze_until',
        'alert_playbook',
        'alert_not_useful',
      ]),
    );
    expect(JSON.stringify(globex?.body.blocks)).toContain('Champion left');
    // One DM per owner and account: duplicates merged, and no send repeated by the second worker.
    const keys = posts()
      .filter((c) => !c.body.thread_ts && !isDigest(c))
      .map((c) => `${c.body.channel} ${String(c.body.text).split(' — ')[0]}`);
    expect(new Set(keys).size).toBe(keys.length);
    const sent = await store.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM alert_sends WHERE kind = 'dm' AND channel <> ''",
    );
    expect(sent[0]?.n).toBe(keys.length);
  });

  it('the Tokyo CSM gets their digest at their local 08:00; the others wait for theirs', async () => {
    const digests = posts().filter(isDigest);
    expect(digests.map((c) => c.body.channel)).toEqual([slackId('elena.moreau')]);
  });

  it('Acknowledge, Snooze until the inputs change, Open playbook and Not useful go through the router', async () => {
    const dm = dmsTo(slackId('victor.rossi')).find((c) =>
      String(c.body.text).includes('Globex'),
    ) as SlackCall;
    const ids = JSON.stringify(dm.body.blocks).match(/AL-\d{6}/g) ?? [];
    const alerts = (await Promise.all([...new Set(ids)].map((id) => findAlert(store.db, id)))).filter(
      (x) => x !== null,
    );
    const exportAlert = alerts.find((x) => x.rule === 'data_export');
    const competitor = alerts.find((x) => x.rule === 'competitor_evaluation');
    if (!exportAlert || !competitor) throw new Error('Globex DM lacks its export or competitor alert');
    // Someone else's account: refused, nothing changes.
    const refused = await click('priya.kim', dm, {
      type: 'button',
      action_id: 'alert_ack',
      value: competitor.alert_id,
    });
    expect(String(refused.body.text)).toContain(`${competitor.alert_id} is on an account outside your book`);
    expect(String(refused.body.text)).not.toContain('Victor Rossi');
    expect((await findAlert(store.db, competitor.alert_id))?.state).toBe('open');
    const acked = await click('victor.rossi', dm, {
      type: 'button',
      action_id: 'alert_ack',
      value: competitor.alert_id,
    });
    expect(String(acked.body.text)).toContain('Acknowledged by');
    expect((await findAlert(store.db, competitor.alert_id))?.state).toBe('acknowledged');
    const snoozed = await click('victor.rossi', dm, {
      type: 'static_select',
      action_id: 'alert_snooze',
      selected_option: { value: `${exportAlert.alert_id}|inputs` },
    });
    expect(String(snoozed.body.text)).toContain('until its inputs change');
    await click('victor.rossi', dm, {
      type: 'button',
      action_id: 'alert_playbook',
      value: competitor.alert_id,
    });
    await fake.waitFor(
      (c) =>
        c.body.thread_ts === String(dm.reply.ts) &&
        JSON.stringify(c.body.blocks ?? '').includes('cse run save_play'),
    );
    const notUseful = await click('victor.rossi', dm, {
      type: 'static_select',
      action_id: 'alert_not_useful',
      selected_option: { value: `${competitor.alert_id}|already_known` },
    });
    expect(String(notUseful.body.text)).toContain('not useful');
    expect((await findAlert(store.db, competitor.alert_id))?.not_useful).toBe('already_known');
    const usage = alerts.find((x) => x.rule === 'usage_decline');
    if (!usage) throw new Error('Globex DM lacks its usage alert');
    const dated = await click('victor.rossi', dm, {
      type: 'datepicker',
      action_id: 'alert_snooze_until',
      block_id: `alert_${usage.alert_id}`,
      selected_date: '2026-12-10',
    });
    expect(String(dated.body.text)).toContain('Snoozed by');
    expect(String(dated.body.text)).toContain('until 2026-12-10');
    const after = await findAlert(store.db, usage.alert_id);
    expect([after?.state, after?.snoozed_until, after?.snooze_inputs]).toEqual([
      'snoozed',
      '2026-12-10',
      null,
    ]);
  });

  it('the digest goes out once per user and day across two workers and a restart', async () => {
    instant = `${TEST_AS_OF}T08:30:00.000Z`;
    await Promise.all([a.passNow(), b.passNow()]);
    await b.close();
    schedulers.splice(schedulers.indexOf(b), 1);
    const c = await start('worker-c');
    await Promise.all([a.passNow(), c.passNow()]);
    const digests = posts().filter(isDigest);
    const perUser = new Map<string, number>();
    for (const d of digests)
      perUser.set(String(d.body.channel), (perUser.get(String(d.body.channel)) ?? 0) + 1);
    const csms = users.filter((u) => u.role === 'csm').map((u) => u.slack_id);
    expect([...perUser.keys()].sort()).toEqual([...csms].sort());
    for (const [user, n] of perUser) expect(n, user).toBe(1);
    b = c;
  });

  it('“snoozed until the inputs change” stays quiet, then comes back when an input changes (a DM, or the digest once the week’s DM budget is spent)', async () => {
    const snoozed = (await listAlerts(store.db, { keys: null, states: ['snoozed'] })).find(
      (x) => x.snooze_inputs !== null,
    );
    if (!snoozed) throw new Error('no snoozed alert');
    instant = '2026-11-25T07:00:00.000Z';
    await a.passNow();
    const mentions = () =>
      dmsTo(slackId('victor.rossi')).filter((d) => JSON.stringify(d.body.blocks).includes(snoozed.alert_id))
        .length;
    expect(mentions()).toBe(1);
    expect((await findAlert(store.db, snoozed.alert_id))?.state).toBe('snoozed');
    await store.db.query(
      "INSERT INTO events (event_id, account_id, at, type, details) VALUES ('EVT-E2E-1', $1, '2026-11-25T10:00:00.000Z', 'data_export', 'full export again')",
      [snoozed.account_id],
    );
    instant = '2026-11-26T08:30:00.000Z';
    await a.passNow();
    const back = await findAlert(store.db, snoozed.alert_id);
    expect(back?.reason).toContain('its inputs changed');
    // Back as a DM, or — when the week's DM budget is spent — in the morning digest.
    const inDigest = posts()
      .filter(isDigest)
      .filter(
        (d) =>
          d.body.channel === slackId('victor.rossi') &&
          JSON.stringify(d.body.blocks).includes(snoozed.alert_id),
      );
    expect(back?.delivery === 'dm' ? mentions() : inDigest.length + 1).toBe(2);
    expect(back?.state).toBe('open');
  });

  it('an unacknowledged critical alert escalates once, in its DM thread, after the rule’s window', async () => {
    const champion = (await listAlerts(store.db, { keys: null, states: null })).find(
      (x) => x.account_name === 'Globex' && x.rule === 'champion_left',
    );
    if (!champion?.dm_ts) throw new Error('Globex champion alert was not DMed');
    instant = '2026-11-26T07:30:00.000Z'; // 48.5 h after the DM
    await Promise.all([a.passNow(), b.passNow()]);
    await a.passNow();
    const inThread = posts().filter(
      (c) => c.body.thread_ts === champion.dm_ts && String(c.body.text).includes('Escalated'),
    );
    expect(inThread).toHaveLength(1);
    const leader = users.find((u) => u.role === 'leader');
    expect(String(inThread[0]?.body.text)).toContain(`<@${leader?.slack_id}>`);
    expect((await findAlert(store.db, champion.alert_id))?.state).toBe('escalated');
  });

  it('leaders get the weekly dashboard once, on Monday, across two workers', async () => {
    instant = '2026-11-30T08:30:00.000Z'; // a Monday
    await Promise.all([a.passNow(), b.passNow()]);
    await a.passNow();
    // The days since the last run were caught up, in order, once each.
    const days = await store.db.query<{ day: string; n: number }>(
      "SELECT day, count(*)::int AS n FROM scheduled_runs WHERE job = 'alerts' AND day > '2026-11-26' GROUP BY day ORDER BY day",
    );
    expect(days).toEqual(
      ['2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30'].map((day) => ({ day, n: 1 })),
    );
    const leaders = users.filter((u) => u.role === 'leader').map((u) => u.slack_id);
    const weekly = posts().filter((c) => String(c.body.text).startsWith('Weekly dashboard'));
    expect(weekly.map((c) => String(c.body.channel)).sort()).toEqual([...leaders].sort());
    expect(JSON.stringify(weekly[0]?.body.blocks)).toContain('Open alerts by CSM');
    expect(JSON.stringify(weekly[0]?.body.blocks)).toContain('What customers said, last 7 days');
    expect(JSON.stringify(weekly[0]?.body.blocks)).toContain('cse run portfolio_review');
    expect(JSON.stringify(weekly[0]?.body.blocks)).toContain('cse run top_requests');
    expect(JSON.stringify(weekly[0]?.body.blocks)).toContain('*Renewal forecast 2026-Q4*');
  });

  it('the App Home lists the open alerts of the CSM’s book', async () => {
    const victor = slackId('victor.rossi');
    await postToSlackApp(
      url,
      signedRequest(
        SECRET,
        {
          token: 'legacy',
          team_id: 'T00000001',
          api_app_id: 'A0',
          type: 'event_callback',
          event_id: 'EvALERTHOME1',
          event_time: 1764000000,
          event: {
            type: 'app_home_opened',
            user: victor,
            channel: 'D0HOME',
            tab: 'home',
            event_ts: '1764000000.1',
          },
        },
        'event',
      ),
    );
    const publish = await fake.waitFor((c) => c.method === 'views.publish' && c.body.user_id === victor);
    const user = await findUser(store.db, 'victor.rossi');
    const open = await listAlerts(store.db, {
      keys: user ? csmKeys(user) : [],
      states: ['new', 'open', 'escalated'],
    });
    expect(open.length).toBeGreaterThan(0);
    const view = JSON.stringify(publish.body.view);
    expect(view).toContain(`*Open alerts* (${open.length})`);
    expect(view).toContain(open[0]?.alert_id ?? 'no open alert');
  });
});
