import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi, type SlackCall } from '../../bench/fake-slack-api.ts';
import { postToSlackApp, signedRequest } from '../../bench/slack-request.ts';
import { slackAlertNotifier } from '../../bot/alert-notifier.ts';
import type { SlackApp } from '../../bot/app.ts';
import { slackFeedbackNotifier } from '../../bot/feedback-notifier.ts';
import { startHttpApi } from '../../bot/http/api-server.ts';
import { feedbackRoute } from '../../bot/http/feedback-route.ts';
import { healthRoute } from '../../bot/http/health-route.ts';
import type { Clock } from '../../core/clock.ts';
import { type Config, loadConfig } from '../../core/config.ts';
import { createLogger, type Logger } from '../../core/logger.ts';
import type { AlertNotifier } from '../../jobs/alert-notifier.ts';
import { feedbackRuntime } from '../../jobs/feedback-runtime.ts';
import type { FeedbackNotifier } from '../../jobs/feedback-worker.ts';
import { rearmSlaChecks, runFeedbackWorker } from '../../jobs/feedback-worker.ts';
import { InProcessQueue } from '../../jobs/in-process-queue.ts';
import type { JobQueue } from '../../jobs/queue.ts';
import { announceRoadmapChanges } from '../../jobs/roadmap-announcements.ts';
import type { Db } from '../../store/db.ts';
import { getFeedback } from '../../store/repositories/feedback.ts';
import { slackTestDeps, startHttpSlackApp, TEST_CLOCK } from '../helpers/slack-app.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';
const SECRET = 'feedback-secret';
const TOKEN = 'api-token-for-tests';
let store: TestStore;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
let base: string;
let queue: InProcessQueue;
let notifier: FeedbackNotifier;
let agent: string;
let seq = 0;

const send = (payload: Record<string, unknown>, kind: 'event' | 'command' | 'interaction') =>
  postToSlackApp(url, signedRequest(SECRET, payload, kind));
/** POST /v1/feedback with this Authorization header (none when null). */
const postAs = (authorization: string | null, body: unknown, at = `${base}/v1/feedback`) =>
  fetch(at, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const post = (body: unknown, token: string | null = TOKEN) => postAs(token ? `Bearer ${token}` : null, body);
const texts = (c: SlackCall) => `${String(c.body.text)} ${JSON.stringify(c.body.blocks ?? '')}`;

let rt: { db: Db; config: Config; logger: Logger; clock: Clock };

beforeAll(async () => {
  store = await openDemoStore(AS_OF);
  const [row] = await store.db.query<{ slack_id: string }>(
    "SELECT slack_id FROM users WHERE role = 'support' ORDER BY user_id LIMIT 1",
  );
  agent = row?.slack_id ?? '';
  fake = await new FakeSlackApi().start();
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-feedback',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    CSE_API_TOKEN: TOKEN,
    FEEDBACK_SLACK_ROUTES: JSON.stringify({
      support: 'C0SUPPORT',
      product: 'C0PRODUCT',
      sales: 'C0SALES',
      marketing: 'C0MKT',
      escalation: 'C0LEADS',
    }),
  });
  rt = { db: store.db, config, logger: createLogger('silent'), clock: TEST_CLOCK };
  queue = new InProcessQueue();
  notifier = slackFeedbackNotifier(rt) as FeedbackNotifier;
  runFeedbackWorker(feedbackRuntime(rt, { queue, notifier }).options);
  ({
    app: slack,
    url,
    base,
  } = await startHttpSlackApp(slackTestDeps(store.db, config, { feedbackQueue: queue }), [
    feedbackRoute({ ...rt, queue, apiToken: TOKEN }),
  ]));
});

afterAll(async () => {
  await slack?.stop();
  await queue?.close();
  await fake?.stop();
  await store?.cleanup();
});

describe('POST /v1/feedback', () => {
  it('answers 409 with the stored item when an id comes back with other content, and 413 for an oversized body', async () => {
    const item = {
      external_id: 'C-409',
      account: 'Acme Corp',
      source: 'ticket',
      text: 'SSO with Okta please.',
    };
    expect((await post(item)).status).toBe(202);
    expect(((await (await post(item)).json()) as { status: string }).status).toBe('already_stored');
    const other = await post({ ...item, account: 'Globex' });
    expect(other.status).toBe(409);
    const conflict = (await other.json()) as { error: string; details: { stored: Record<string, unknown> } };
    expect(conflict.error).toBe('conflict');
    expect(conflict.details.stored).toMatchObject({
      feedback_id: 'ext-ticket-C-409',
      account_id: 'ACC-00001',
      text: item.text,
    });
    expect((await post({ ...item, text: 'Something else entirely.' })).status).toBe(409);
    const huge = await post({ ...item, external_id: 'C-413', text: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    expect(await getFeedback(store.db, 'ext-ticket-C-413')).toBeNull();
  });

  it('takes an account by its exact id, name or domain only: a near miss is a 422 naming the field, with no suggestions', async () => {
    const item = { source: 'in_app', text: 'The export button is hidden on small screens.' };
    const [globex] = await store.db.query<{ account_id: string; domain: string }>(
      "SELECT account_id, domain FROM accounts WHERE name = 'Globex'",
    );
    for (const account of [globex?.account_id, 'Globex', globex?.domain]) {
      const ok = await post({ ...item, external_id: `EXACT-${account}`, account });
      expect(ok.status).toBe(202);
      expect(((await ok.json()) as { account_id: string }).account_id).toBe(globex?.account_id);
    }
    for (const account of ['Globe', 'globx', 'Initek']) {
      const near = await post({ ...item, external_id: `NEAR-${account}`, account });
      expect(near.status).toBe(422);
      const body = (await near.json()) as { error: string; fields: { field: string }[] };
      expect(body.error).toBe('account_not_found');
      expect(body.fields.map((f) => f.field)).toEqual(['account']);
      expect(JSON.stringify(body)).not.toMatch(/Did you mean|Globex|Initech/);
      expect(await getFeedback(store.db, `ext-in_app-NEAR-${account}`)).toBeNull();
    }
  });

  it('limits each token: over the rate it answers 429 with Retry-After', async () => {
    const limited = loadConfig({ CSE_API_TOKEN: TOKEN, CSE_API_RATE_LIMIT: '3' });
    const server = await startHttpApi(
      [feedbackRoute({ ...rt, config: limited, queue: null, apiToken: TOKEN })],
      0,
    );
    const at = `http://127.0.0.1:${(server.address() as { port: number }).port}/v1/feedback`;
    try {
      const send = (n: number) =>
        postAs(
          `Bearer ${TOKEN}`,
          { external_id: `RL-${n}`, account: 'Acme Corp', source: 'ticket', text: `rate ${n}` },
          at,
        );
      const statuses = [];
      for (let n = 0; n < 5; n++) statuses.push((await send(n)).status);
      expect(statuses).toEqual([202, 202, 202, 429, 429]);
      const over = await send(9);
      // The test clock does not move, so no token comes back: one comes every 20 s at 3 a minute.
      expect(over.headers.get('retry-after')).toBe('20');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('refuses a missing or wrong token, lists bad fields, and names the account field when no account matches exactly', async () => {
    expect((await post({ account: 'Acme Corp', source: 'nps', text: 'x' }, null)).status).toBe(401);
    expect((await post({ account: 'Acme Corp', source: 'nps', text: 'x' }, 'wrong')).status).toBe(401);
    // The scheme is required: the bare token, or another scheme, is refused.
    for (const authorization of [TOKEN, `Basic ${TOKEN}`, `bearer${TOKEN}`])
      expect((await postAs(authorization, { account: 'Acme Corp', source: 'nps', text: 'x' })).status).toBe(
        401,
      );
    const bad = await post({ account: 'Acme Corp', source: 'carrier pigeon', text: '', score: 11 });
    expect(bad.status).toBe(400);
    const problems = ((await bad.json()) as { fields: { field: string }[] }).fields.map((f) => f.field);
    expect(problems).toEqual(['source', 'text', 'score']);
    expect((await post('{not json')).status).toBe(400);
    const unknown = await post({ account: 'Pinnacle', source: 'in_app', text: 'Need SSO' });
    expect(unknown.status).toBe(422);
    const body = (await unknown.json()) as { fields: { field: string }[] };
    expect(body.fields.map((f) => f.field)).toEqual(['account']);
    expect(JSON.stringify(body)).not.toContain('Pinnacle Health');
  });

  it('stores before answering 202, is idempotent on the external id, and routes the item to its owner in Slack', async () => {
    const item = {
      external_id: 'Z-1001',
      account: 'Acme Corp',
      source: 'ticket',
      text: 'The CSV export times out on our large workspace.',
    };
    const first = await post(item);
    expect(first.status).toBe(202);
    const body = (await first.json()) as { feedback_id: string; status: string };
    expect(body).toMatchObject({ feedback_id: 'ext-ticket-Z-1001', status: 'accepted' });
    expect((await getFeedback(store.db, body.feedback_id))?.text).toBe(item.text);
    const again = await post(item);
    expect(((await again.json()) as { status: string }).status).toBe('already_stored');
    await queue.idle();
    expect(await getFeedback(store.db, body.feedback_id)).toMatchObject({
      status: 'open',
      theme: 'performance',
      owner: 'support',
    });
    const notice = await fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.channel === 'C0SUPPORT',
    );
    expect(texts(notice)).toContain('Acme Corp');
    expect(texts(notice)).toContain('respond by');
    const [row] = await store.db.query<{ process_count: number }>(
      'SELECT process_count FROM feedback WHERE feedback_id = $1',
      [body.feedback_id],
    );
    expect(row?.process_count).toBe(1);
  });
});

describe('the HTTP API without Slack', () => {
  it('serves /healthz and POST /v1/feedback, 404 elsewhere', async () => {
    const server = await startHttpApi(
      [healthRoute({ db: store.db, queue }), feedbackRoute({ ...rt, queue, apiToken: TOKEN })],
      0,
    );
    try {
      const address = server.address();
      if (!address || typeof address === 'string') throw new Error('no port');
      const at = `http://127.0.0.1:${address.port}`;
      expect(await (await fetch(`${at}/healthz`)).json()).toMatchObject({
        ok: true,
        degraded: false,
        database: { ok: true, driver: store.driver },
        queue: { ok: true, driver: 'in-process' },
      });
      expect((await fetch(`${at}/slack/events`, { method: 'POST' })).status).toBe(404);
      const res = await fetch(`${at}/v1/feedback`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          external_id: 'API-1',
          account: 'Soylent Foods',
          source: 'survey',
          text: 'A calendar view of renewals would help our planning.',
        }),
      });
      expect(res.status).toBe(202);
      expect((await getFeedback(store.db, 'ext-survey-API-1'))?.account_id).toBe('ACC-00006');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('feedback in Slack', () => {
  it('logs "/cs feedback Acme: …", posts a duplicate in the request thread, acknowledges and resolves with closed-loop drafts', async () => {
    seq++;
    const command = {
      token: 'legacy',
      team_id: 'T00000001',
      channel_id: 'C0CS',
      user_id: agent,
      command: '/cs',
      text: 'feedback Globex: The CSV export keeps timing out on our large workspace',
      api_app_id: 'A0',
      trigger_id: `tr-${seq}`,
      response_url: `${fake.responseUrlBase}fb-${seq}`,
    };
    expect((await send(command, 'command')).status).toBe(200);
    const confirm = await fake.waitFor(
      (c) => c.method === 'response_url' && String(c.body.text).startsWith('Logged feedback for Globex'),
    );
    expect(confirm.body.response_type).toBe('ephemeral');
    await queue.idle();
    const id = /as (\S+):/.exec(String(confirm.body.text))?.[1] ?? '';
    expect(await getFeedback(store.db, id)).toMatchObject({
      canonical_id: 'ext-ticket-Z-1001',
      owner: 'support',
    });
    const canonicalNotice = fake.calls.find(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.body.channel === 'C0SUPPORT' &&
        texts(c).includes('ext-ticket-Z-1001'),
    );
    const threadTs = String(canonicalNotice?.reply.ts);
    const dup = await fake.waitFor((c) => c.method === 'chat.postMessage' && c.body.thread_ts === threadTs);
    expect(texts(dup)).toContain('Same request from *Globex*');
    const click = (action_id: string, value: string) => ({
      type: 'block_actions',
      user: { id: agent },
      api_app_id: 'A0',
      token: 'legacy',
      team: { id: 'T00000001' },
      container: { type: 'message', message_ts: threadTs, channel_id: 'C0SUPPORT', is_ephemeral: false },
      trigger_id: `tr-${++seq}`,
      channel: { id: 'C0SUPPORT' },
      message: { ts: threadTs, text: 'notice' },
      response_url: `${fake.responseUrlBase}act-${seq}`,
      actions: [
        {
          type: 'button',
          action_id,
          block_id: 'feedback_actions',
          value,
          text: { type: 'plain_text', text: 'x' },
          action_ts: '1',
        },
      ],
    });
    await send(click('fb_acknowledge', 'ext-ticket-Z-1001'), 'interaction');
    await fake.waitFor(
      (c) => c.method === 'chat.postMessage' && String(c.body.text).startsWith('Acknowledged by'),
    );
    expect((await getFeedback(store.db, 'ext-ticket-Z-1001'))?.status).toBe('acknowledged');
    await send(click('fb_resolve', 'ext-ticket-Z-1001'), 'interaction');
    await fake.waitFor(
      (c) => c.method === 'chat.postMessage' && String(c.body.text).startsWith('Resolved by'),
    );
    const drafts = await Promise.all(
      ['Acme Corp', 'Globex'].map((name) =>
        fake.waitFor(
          (c) =>
            c.method === 'chat.postMessage' &&
            c.body.thread_ts === threadTs &&
            texts(c).includes('cse run draft_email') &&
            texts(c).includes(name),
        ),
      ),
    );
    expect(drafts).toHaveLength(2);
    expect((await getFeedback(store.db, id))?.status).toBe('resolved');
  });

  it('escalates an SLA breach once, in the notification thread', async () => {
    const res = await post({
      external_id: 'Z-2002',
      account: 'Initech',
      source: 'ticket',
      text: 'Okta SSO fails with a SAML error for everyone.',
    });
    const { feedback_id } = (await res.json()) as { feedback_id: string };
    await queue.idle();
    const notice = await fake.waitFor(
      (c) => c.method === 'chat.postMessage' && texts(c).includes('Okta SSO fails'),
    );
    // A restarted worker re-arms the timer of a notified, unescalated request…
    const rearmed: string[] = [];
    const recorder = {
      add: async (_name: string, data: { feedbackId: string }) => {
        rearmed.push(data.feedbackId);
      },
    } as unknown as JobQueue;
    await rearmSlaChecks({ db: store.db, queue: recorder, notifier, now: () => TEST_CLOCK.now().getTime() });
    expect(rearmed).toContain(feedback_id);
    await notifier.slaDue(feedback_id);
    await notifier.slaDue(feedback_id);
    // …and not once it was escalated.
    rearmed.length = 0;
    await rearmSlaChecks({ db: store.db, queue: recorder, notifier, now: () => TEST_CLOCK.now().getTime() });
    expect(rearmed).not.toContain(feedback_id);
    const escalations = fake.calls.filter(
      (c) => c.method === 'chat.postMessage' && String(c.body.text).startsWith('SLA breached'),
    );
    expect(escalations).toHaveLength(1);
    expect(escalations[0]?.body.thread_ts).toBe(notice.reply.ts);
    expect(String(escalations[0]?.body.text)).toContain('<#C0LEADS>');
  });

  it('opens the modal from the message shortcut and checks the account before it closes', async () => {
    seq++;
    await send(
      {
        type: 'message_action',
        callback_id: 'log_feedback',
        trigger_id: `tr-${seq}`,
        user: { id: agent },
        team: { id: 'T00000001' },
        channel: { id: 'C0CS' },
        message: { ts: '1764300000.000100', text: 'Customer says: we need bulk edit for records' },
        response_url: `${fake.responseUrlBase}sc-${seq}`,
        token: 'legacy',
        action_ts: '1',
      },
      'interaction',
    );
    const open = await fake.waitFor((c) => c.method === 'views.open');
    const view = open.body.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { block_id: string; element: { initial_value?: string } }[];
    };
    expect(view.callback_id).toBe('log_feedback_modal');
    expect(view.blocks.find((b) => b.block_id === 'text_block')?.element.initial_value).toBe(
      'Customer says: we need bulk edit for records',
    );
    const submit = (account: string) => ({
      type: 'view_submission',
      team: { id: 'T00000001' },
      user: { id: agent },
      api_app_id: 'A0',
      token: 'legacy',
      trigger_id: `tr-${++seq}`,
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: 'log_feedback_modal',
        private_metadata: view.private_metadata,
        hash: 'h',
        state: {
          values: {
            account_block: { account: { type: 'plain_text_input', value: account } },
            source_block: { source: { type: 'static_select', selected_option: { value: 'call_note' } } },
            text_block: {
              text: { type: 'plain_text_input', value: 'Customer says: we need bulk edit for records' },
            },
          },
        },
      },
    });
    const refused = await send(submit('Nowhere Industries'), 'interaction');
    expect(JSON.parse(refused.body)).toMatchObject({
      response_action: 'errors',
      errors: { account_block: expect.stringContaining("No account matches 'Nowhere Industries'") },
    });
    const accepted = await send(submit('Hooli'), 'interaction');
    expect(accepted.status).toBe(200);
    await fake.waitFor(
      (c) => c.method === 'chat.postEphemeral' && String(c.body.text).startsWith('Logged feedback for Hooli'),
    );
    const item = await getFeedback(store.db, 'ext-call_note-msg-C0CS-1764300000.000100');
    expect(item).toMatchObject({ source: 'call_note', text: 'Customer says: we need bulk edit for records' });
  });
  it('links a request to the roadmap from its notice; shipping drafts the release note, and the change reaches the owner channel', async () => {
    const res = await post({
      external_id: 'Z-3003',
      account: 'Initech',
      source: 'in_app',
      text: 'We need an audit trail export for our compliance review.',
    });
    const { feedback_id } = (await res.json()) as { feedback_id: string };
    await queue.idle();
    const notice = await fake.waitFor(
      (c) => c.method === 'chat.postMessage' && texts(c).includes('audit trail export'),
    );
    expect(texts(notice)).toContain('fb_link_roadmap');
    const click = {
      type: 'block_actions',
      user: { id: agent },
      api_app_id: 'A0',
      token: 'legacy',
      team: { id: 'T00000001' },
      container: {
        type: 'message',
        message_ts: notice.reply.ts,
        channel_id: notice.body.channel,
        is_ephemeral: false,
      },
      trigger_id: `tr-${++seq}`,
      channel: { id: notice.body.channel },
      message: { ts: notice.reply.ts, text: 'notice' },
      response_url: `${fake.responseUrlBase}rm-${seq}`,
      actions: [
        {
          type: 'button',
          action_id: 'fb_link_roadmap',
          block_id: 'feedback_actions',
          value: feedback_id,
          text: { type: 'plain_text', text: 'Link to roadmap' },
          action_ts: '1',
        },
      ],
    };
    await send(click, 'interaction');
    const open = await fake.waitFor(
      (c) =>
        c.method === 'views.open' &&
        (c.body.view as { callback_id: string }).callback_id === 'link_roadmap_modal',
    );
    const view = open.body.view as { private_metadata: string };
    expect(JSON.parse(view.private_metadata)).toEqual({ feedback_id, channel: notice.body.channel });
    const submit = (user: string, key: string, status: string | null) => ({
      type: 'view_submission',
      team: { id: 'T00000001' },
      user: { id: user },
      api_app_id: 'A0',
      token: 'legacy',
      trigger_id: `tr-${++seq}`,
      view: {
        id: 'V2',
        type: 'modal',
        callback_id: 'link_roadmap_modal',
        private_metadata: view.private_metadata,
        hash: 'h',
        state: {
          values: {
            roadmap_key_block: { roadmap_key: { type: 'plain_text_input', value: key } },
            roadmap_status_block: {
              roadmap_status: {
                type: 'static_select',
                selected_option: status === null ? null : { value: status },
              },
            },
            roadmap_title_block: { roadmap_title: { type: 'plain_text_input', value: 'Audit trail export' } },
          },
        },
      },
    });
    const stranger = await send(submit('U0STRANGER', 'AUD-7', 'shipped'), 'interaction');
    expect(JSON.parse(stranger.body)).toMatchObject({
      response_action: 'errors',
      errors: { roadmap_key_block: 'You are not on the team yet: ask a cs-engine admin to add you.' },
    });
    const badKey = await send(submit(agent, 'audit trail!', 'shipped'), 'interaction');
    expect(JSON.parse(badKey.body)).toMatchObject({
      response_action: 'errors',
      errors: { roadmap_key_block: expect.stringContaining('a roadmap key is letters, digits') },
    });
    // The account's own CSM may link the request, but not move the whole item: the status is refused on its field.
    const [owner] = await store.db.query<{ slack_id: string }>(
      `SELECT u.slack_id FROM feedback f JOIN accounts a USING (account_id) JOIN users u ON a.csm = u.email
        WHERE f.feedback_id = $1`,
      [feedback_id],
    );
    const csmStatus = await send(submit(owner?.slack_id ?? '', 'AUD-6', 'planned'), 'interaction');
    expect(JSON.parse(csmStatus.body)).toMatchObject({
      response_action: 'errors',
      errors: {
        roadmap_status_block: expect.stringContaining(
          "A roadmap item's status covers every account, and a CSM sees their own book. Link the request without a status",
        ),
      },
    });
    const csmLink = await send(submit(owner?.slack_id ?? '', 'AUD-6', null), 'interaction');
    expect(csmLink.status).toBe(200);
    await fake.waitFor(
      (c) =>
        c.method === 'chat.postEphemeral' &&
        texts(c).includes(`Linked ${feedback_id} to the new roadmap item AUD-6`),
    );
    const linked = await send(submit(agent, 'AUD-7', 'shipped'), 'interaction');
    expect(linked.status).toBe(200);
    await fake.waitFor(
      (c) =>
        c.method === 'chat.postEphemeral' &&
        texts(c).includes(`Linked ${feedback_id} to the new roadmap item AUD-7`),
    );
    const draft = await fake.waitFor(
      (c) =>
        c.method === 'chat.postEphemeral' && texts(c).includes('Initech: Audit trail export has shipped'),
    );
    expect(texts(draft)).toContain(
      'On 2026-11-24 you asked us: “We need an audit trail export for our compliance review.”',
    );
    // The scheduler posts the change to the item's owner channel, once.
    const alerts = slackAlertNotifier(rt) as AlertNotifier;
    // Two changes: the item the CSM's link made (AUD-6, under review), and AUD-7 made shipped.
    expect(await announceRoadmapChanges(store.db, alerts, TEST_CLOCK.now().toISOString(), rt.logger)).toBe(2);
    expect(await announceRoadmapChanges(store.db, alerts, TEST_CLOCK.now().toISOString(), rt.logger)).toBe(0);
    const posted = await fake.waitFor(
      (c) => c.method === 'chat.postMessage' && texts(c).includes('Roadmap *AUD-7*'),
    );
    // The item's owner is the request's (the routed team): its channel is where the notice went.
    expect(posted.body.channel).toBe(notice.body.channel);
    expect(String(posted.body.text)).toContain('new → *shipped*');
  });
});
