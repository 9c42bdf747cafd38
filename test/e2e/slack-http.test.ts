import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi, type SlackCall } from '../../bench/fake-slack-api.ts';
import { postToSlackApp, signedRequest } from '../../bench/slack-request.ts';
import type { SlackApp } from '../../bot/app.ts';
import { messageProblems, type SlackMessage } from '../../bot/render/slack-limits.ts';
import { redriveSlackQuestions } from '../../bot/slack-redrive.ts';
import type { AccountsData } from '../../commands/accounts/command.ts';
import { ask, run, type UnknownData } from '../../commands/router.ts';
import type { ScoreData } from '../../commands/score/command.ts';
import { type Config, loadConfig } from '../../core/config.ts';
import { formatMoney } from '../../core/money.ts';
import { claimSlackDelivery } from '../../store/repositories/slack-deliveries.ts';
import { testContext } from '../helpers/command-context.ts';
import { slackTestDeps, startHttpSlackApp } from '../helpers/slack-app.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';
const SECRET = 'test-signing-secret';
const CHANNEL = 'C0CSTEAM1';
const LEADER = 'U0ROSAPARK';

let store: TestStore;
let fake: FakeSlackApi;
let slack: SlackApp;
let url: string;
let csm: { user_id: string; slack_id: string; email: string };
let seq = 0;

let config: Config;

function startApp() {
  config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  return startHttpSlackApp(slackTestDeps(store.db, config));
}

function mention(text: string, user: string, extra: { eventId?: string; ts?: string } = {}) {
  seq++;
  const ts = extra.ts ?? `1764000000.${String(seq).padStart(6, '0')}`;
  return {
    ts,
    payload: {
      token: 'legacy',
      team_id: 'T00000001',
      api_app_id: 'A0CSENGINE',
      type: 'event_callback',
      event_id: extra.eventId ?? `Ev${seq}`,
      event_time: 1764000000 + seq,
      event: { type: 'app_mention', user, text: `<@UBOT00001> ${text}`, ts, channel: CHANNEL, event_ts: ts },
    },
  };
}

function slashCommand(text: string, user: string) {
  seq++;
  return {
    responseUrl: `${fake.responseUrlBase}cmd-${seq}`,
    payload: {
      token: 'legacy',
      team_id: 'T00000001',
      team_domain: 'cs-team',
      channel_id: CHANNEL,
      channel_name: 'cs-team',
      user_id: user,
      user_name: 'someone',
      command: '/cs',
      text,
      api_app_id: 'A0CSENGINE',
      response_url: `${fake.responseUrlBase}cmd-${seq}`,
      trigger_id: `trigger-${seq}`,
    },
  };
}

/** A click on a button (or a menu choice) of a message the bot posted in the channel. */
function blockAction(user: string, messageTs: string, action: Record<string, unknown>) {
  seq++;
  return {
    responseUrl: `${fake.responseUrlBase}act-${seq}`,
    payload: {
      type: 'block_actions',
      user: { id: user, username: 'someone', team_id: 'T00000001' },
      api_app_id: 'A0CSENGINE',
      token: 'legacy',
      team: { id: 'T00000001', domain: 'cs-team' },
      container: { type: 'message', message_ts: messageTs, channel_id: CHANNEL, is_ephemeral: false },
      trigger_id: `trigger-${seq}`,
      channel: { id: CHANNEL, name: 'cs-team' },
      message: { type: 'message', ts: messageTs, text: 'answer' },
      response_url: `${fake.responseUrlBase}act-${seq}`,
      actions: [{ block_id: 'answer_actions', action_ts: `${1764000000 + seq}.1`, ...action }],
    },
  };
}

const send = (payload: Record<string, unknown>, kind: 'event' | 'command' | 'interaction', headers = {}) =>
  postToSlackApp(url, signedRequest(SECRET, payload, kind, headers));
/** A click on a button of an answer, as if the answer were the message at `ts`. */
const click = (user: string, ts: string, b: Button) =>
  send(
    blockAction(user, ts, {
      type: 'button',
      action_id: b.action_id,
      value: b.value,
      text: { type: 'plain_text', text: b.text.text },
    }).payload,
    'interaction',
  );

const inThread = (ts: string) => (c: SlackCall) => c.method === 'chat.postMessage' && c.body.thread_ts === ts;
const message = (c: SlackCall): SlackMessage => ({
  text: String(c.body.text),
  blocks: c.body.blocks as SlackMessage['blocks'],
});
const headerOf = (m: SlackMessage) => {
  const h = m.blocks[0];
  return h?.type === 'header' ? h.text.text : '';
};
const allText = (m: SlackMessage) => JSON.stringify(m.blocks);
const escapeRegExp = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
type Button = { action_id: string; value: string; text: { text: string } };
const buttons = (m: SlackMessage): Button[] =>
  m.blocks
    .flatMap((b) => (b.type === 'actions' ? (b.elements as unknown as Button[]) : []))
    .filter((e) => 'value' in e);

beforeAll(async () => {
  store = await openDemoStore(AS_OF);
  const [row] = await store.db.query<{ user_id: string; slack_id: string; email: string }>(
    `SELECT u.user_id, u.slack_id, u.email FROM users u JOIN accounts a ON a.csm = u.email
      WHERE a.name = 'Acme Corp'`,
  );
  if (!row) throw new Error('demo has no CSM for Acme Corp');
  csm = row;
  await store.db.query(
    `INSERT INTO users (user_id, name, email, role) VALUES ('dana.lee', 'Dana Lee', 'dana.lee@cs-team.example', 'leader')`,
  );
  // A leader sees every book: the "did you mean" tests below span accounts of several CSMs.
  await store.db.query(
    `INSERT INTO users (user_id, name, email, slack_id, role) VALUES ('rosa.park', 'Rosa Park', 'rosa.park@cs-team.example', '${LEADER}', 'leader')`,
  );
  fake = await new FakeSlackApi({ emails: { U0DANALEE: 'dana.lee@cs-team.example' } }).start();
  ({ app: slack, url } = await startApp());
});

afterAll(async () => {
  await slack?.stop();
  await fake?.stop();
  await store?.cleanup();
});

describe('Slack over HTTP: signed requests into the real Bolt app, Web API calls to a fake Slack', () => {
  it('rejects a bad signature with 401 and processes nothing', async () => {
    const bad = mention('score Acme', csm.slack_id);
    const request = signedRequest('wrong-secret', bad.payload, 'event');
    const rejected = await postToSlackApp(url, request);
    expect(rejected.status).toBe(401);
    // A valid request after it is answered; the rejected one never is, and is not audited.
    const good = mention('score Acme', csm.slack_id);
    expect((await send(good.payload, 'event')).status).toBe(200);
    await fake.waitFor(inThread(good.ts));
    expect(fake.calls.filter(inThread(bad.ts))).toHaveLength(0);
    const audited = await store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE surface = 'slack' AND text = $1`,
      ['score Acme'],
    );
    expect(audited[0]?.n).toBe(1);
  });

  it('answers a question whose process stopped before answering, once: the claim is done only after the answer', async () => {
    const ts = '1764555555.000001';
    // A claim taken by a process that died before it answered.
    expect(
      await claimSlackDelivery(store.db, 'event:EvLOST1', {
        slackUserId: csm.slack_id,
        channel: CHANNEL,
        text: 'score Acme',
        threadTs: ts,
      }),
    ).toBe(true);
    // Slack's retry of it while it is fresh is still ignored…
    expect(await claimSlackDelivery(store.db, 'event:EvLOST1')).toBe(false);
    const deps = slackTestDeps(store.db, config);
    // Ten minutes on, nobody has answered it: the re-drive does, once, and only it.
    await store.db.query(
      "UPDATE slack_deliveries SET received_at = now() - interval '10 minutes' WHERE delivery_id = 'event:EvLOST1'",
    );
    expect(await redriveSlackQuestions(deps, slack.app.client)).toBe(1);
    const answer = message(await fake.waitFor(inThread(ts)));
    expect(headerOf(answer)).toMatch(/^Acme Corp — health \d+\/100/);
    expect(await redriveSlackQuestions(deps, slack.app.client)).toBe(0);
    expect(fake.calls.filter(inThread(ts))).toHaveLength(1);
    const [row] = await store.db.query<{ done: boolean }>(
      "SELECT done_at IS NOT NULL AS done FROM slack_deliveries WHERE delivery_id = 'event:EvLOST1'",
    );
    expect(row?.done).toBe(true);
  });

  it('refuses a correctly signed request stamped more than 5 minutes from now, in either direction', async () => {
    // Stamped when each request is signed, 5 s past the limit: whole-second stamps and a slow
    // machine must not carry a request back inside the window.
    // The same on any spelling of the path Bolt routes to the events endpoint (sent as written:
    // fetch would tidy the path before it left).
    const { port } = new URL(url);
    const rawPost = (path: string, request: ReturnType<typeof signedRequest>) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: Number(port), method: 'POST', path, headers: request.headers },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end(request.body);
      });
    for (const path of ['/slack/events', '/slack/./events', '/slack/x/../events', '/slack/events?x=1'])
      for (const skew of [-3600, -305, 305, 3600]) {
        const m = mention('score Acme', csm.slack_id);
        const request = signedRequest(SECRET, m.payload, 'event', {}, Math.floor(Date.now() / 1000) + skew);
        expect(await rawPost(path, request), `skew ${skew} s at ${path}`).toBe(401);
      }
    const fresh = mention('score Acme', csm.slack_id);
    expect(
      (
        await postToSlackApp(
          url,
          signedRequest(SECRET, fresh.payload, 'event', {}, Math.floor(Date.now() / 1000) + 30),
        )
      ).status,
    ).toBe(200);
    await fake.waitFor(inThread(fresh.ts));
  });

  it('never lets typed or customer text act in a notification: <!channel> and masked links are escaped in text and blocks', async () => {
    const m = mention('book me a flight <!channel> <https://evil.example|click here>', csm.slack_id);
    await send(m.payload, 'event');
    const reply = message(await fake.waitFor(inThread(m.ts)));
    for (const shown of [reply.text, allText(reply)]) {
      expect(shown).not.toContain('<!channel>');
      expect(shown).not.toContain('<https://evil.example');
    }
    expect(reply.text).toContain('&lt;!channel&gt;');
  });

  it('answers a mention in its thread with the score the command computes, and audits who asked', async () => {
    const m = mention('how is acme doing?', csm.slack_id);
    await send(m.payload, 'event');
    const answer = message(await fake.waitFor(inThread(m.ts)));
    const expected = await run(testContext(store.db, AS_OF), 'score', { account: 'Acme Corp', as_of: AS_OF });
    const data = expected.data as ScoreData;
    expect(headerOf(answer)).toBe(`Acme Corp — health ${data.score}/100 · ${data.tier}`);
    expect(answer.text.startsWith(`Acme Corp — health ${data.score}/100`)).toBe(true);
    const fields = answer.blocks[1];
    expect(fields?.type === 'section' && fields.fields?.[0]?.text).toBe(
      `*Product usage* · ${data.dimensions.product_usage.score}/10 (weight ${data.dimensions.product_usage.weight})\n${data.dimensions.product_usage.reason}`,
    );
    expect(allText(answer)).toContain(
      `reproduce: \`cse run score --account ${expected.account?.id} --as-of ${AS_OF}\``,
    );
    expect(buttons(answer).map((b) => b.text.text)).toEqual(['Show details']);
    expect(messageProblems(answer)).toEqual([]);
    const [audit] = await store.db.query<{ actor: string; intent: string; channel: string; outcome: string }>(
      `SELECT actor, intent, channel, outcome FROM audit_log WHERE text = $1`,
      ['how is acme doing?'],
    );
    expect(audit).toEqual({ actor: csm.user_id, intent: 'score', channel: CHANNEL, outcome: 'ok' });
  });

  it('answers "renewal forecast" in its thread within Block Kit limits, and says why there are no probabilities before a model is fitted', async () => {
    const m = mention('renewal forecast', LEADER);
    await send(m.payload, 'event');
    const answer = message(await fake.waitFor(inThread(m.ts)));
    expect(headerOf(answer)).toBe(
      `Renewal forecast — every book, 2026-Q4 (2026-10-01 to 2026-12-31), as of ${AS_OF}`,
    );
    expect(messageProblems(answer)).toEqual([]);
    expect(allText(answer)).toContain('No renewal probabilities: no churn model has been fitted yet');
    expect(allText(answer)).toContain('reproduce: `cse run renewal_forecast');
  });

  it('answers once when Slack retries the same event', async () => {
    const m = mention('churn risk for Globex', csm.slack_id, { eventId: 'EvRETRY1' });
    await send(m.payload, 'event');
    await fake.waitFor(inThread(m.ts));
    const retry = await send(m.payload, 'event', {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(retry.status).toBe(200);
    const after = mention('score Initech', csm.slack_id);
    await send(after.payload, 'event');
    await fake.waitFor(inThread(after.ts));
    expect(fake.calls.filter(inThread(m.ts))).toHaveLength(1);
  });

  it('offers "did you mean" buttons for an ambiguous account, and a click answers for the one picked', async () => {
    const m = mention('health score for Pinnacle', LEADER);
    await send(m.payload, 'event');
    const reply = message(await fake.waitFor(inThread(m.ts)));
    const choices = buttons(reply);
    expect(choices.map((b) => b.text.text)).toEqual([
      'Did you mean Pinnacle Energy?',
      'Did you mean Pinnacle Health?',
      'Did you mean Pinnacle Studios?',
      'Did you mean Pinnacle Travel?',
    ]);
    const pick = choices[1] as Button;
    const replyTs = '1764009999.000001';
    const click = blockAction(LEADER, replyTs, {
      type: 'button',
      action_id: pick.action_id,
      value: pick.value,
      text: { type: 'plain_text', text: pick.text.text },
    });
    expect((await send(click.payload, 'interaction')).status).toBe(200);
    const answer = message(await fake.waitFor(inThread(replyTs)));
    expect(headerOf(answer)).toMatch(/^Pinnacle Health — health \d+\/100 · /);
  });

  it('offers "did you mean" for an account that is not found, and answers for the suggestion', async () => {
    const m = mention('health score for Tyrel Sys', LEADER);
    await send(m.payload, 'event');
    const reply = message(await fake.waitFor(inThread(m.ts)));
    expect(reply.text).toBe("No account matches 'tyrel sys'. Did you mean Tyrell Systems?");
    const [pick] = buttons(reply);
    expect(pick?.text.text).toBe('Did you mean Tyrell Systems?');
    const replyTs = '1764009999.000009';
    const click = blockAction(LEADER, replyTs, {
      type: 'button',
      action_id: pick?.action_id,
      value: pick?.value,
      text: { type: 'plain_text', text: pick?.text.text },
    });
    await send(click.payload, 'interaction');
    const answer = message(await fake.waitFor(inThread(replyTs)));
    expect(headerOf(answer)).toMatch(/^Tyrell Systems — health \d+\/100 · /);
  });

  it('shows details in the thread from the "Show details" button, for the same as-of', async () => {
    const m = mention('score Acme', csm.slack_id);
    await send(m.payload, 'event');
    const answer = message(await fake.waitFor(inThread(m.ts)));
    const details = buttons(answer)[0] as Button;
    const click = blockAction(csm.slack_id, '1764009999.000002', {
      type: 'button',
      action_id: details.action_id,
      value: details.value,
      text: { type: 'plain_text', text: 'Show details' },
    });
    await send(click.payload, 'interaction');
    const page = message(await fake.waitFor(inThread('1764009999.000002')));
    expect(headerOf(page)).toMatch(/^Acme Corp — health \d+\/100 · \w+ — details$/);
    expect(allText(page)).toContain('DAU/MAU');
    expect(messageProblems(page)).toEqual([]);
  });

  it('pages a list with "Show more" and posts the whole list as a CSV file, each click run again through the router', async () => {
    const m = mention('list my accounts', csm.slack_id);
    await send(m.payload, 'event');
    const answer = message(await fake.waitFor(inThread(m.ts)));
    const expected = await run(testContext(store.db, AS_OF), 'accounts', { csm: csm.user_id });
    const list = expected.data as AccountsData;
    expect(list.total).toBeGreaterThan(15);
    const secondLast = Math.min(30, list.total);
    expect(headerOf(answer)).toBe(
      `Accounts — ${list.total} (ARR ${formatMoney(Math.round(list.total_arr * 100))}), as of ${AS_OF}`,
    );
    expect(allText(answer)).toContain(`Understood: book ${csm.user_id}`);
    expect(allText(answer)).toContain(`Showing 1–15 of ${list.total}`);
    const [more, csv] = buttons(answer) as [Button, Button];
    expect([more.text.text, csv.text.text]).toEqual([
      `Show more (16–${secondLast} of ${list.total})`,
      `CSV (${list.total} accounts)`,
    ]);
    expect(messageProblems(answer)).toEqual([]);

    const pageTs = '1764009999.000031';
    await click(csm.slack_id, pageTs, more);
    const second = message(await fake.waitFor(inThread(pageTs)));
    expect(allText(second)).toContain(`Showing 16–${secondLast} of ${list.total}`);
    const rows = allText(second);
    // Rows 16 and 30 of the list, numbered from the offset, in the list's order.
    for (const n of [16, secondLast])
      expect(rows).toMatch(new RegExp(`[^0-9]${n} +${escapeRegExp(list.accounts[n - 1]?.name ?? '?')}`));
    expect(buttons(second).map((b) => b.text.text)).toEqual([
      ...(list.total > 30 ? [`Show more (31–${Math.min(45, list.total)} of ${list.total})`] : []),
      `CSV (${list.total} accounts)`,
    ]);

    const csvTs = '1764009999.000032';
    await click(csm.slack_id, csvTs, csv);
    const done = await fake.waitFor(
      (c) => c.method === 'files.completeUploadExternal' && c.body.thread_ts === csvTs,
    );
    const [file] = JSON.parse(String(done.body.files)) as { id: string }[];
    const lines = (fake.uploaded(file?.id ?? '') ?? '').trimEnd().split('\n');
    expect(lines[0]).toBe('account_id,name,segment,csm,tier,health_score,arr,renewal_date');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(list.accounts.map((a) => a.account_id));
    expect(String(done.body.channel_id)).toBe(CHANNEL);
    const note = message(await fake.waitFor(inThread(csvTs)));
    expect(note.text).toContain(`the CSV of all ${list.total} rows is in this thread`);
  });

  it('refuses a forged CSV button for a book the clicker may not read, and uploads nothing', async () => {
    const before = fake.callsTo('files.getUploadURLExternal').length;
    const ts = '1764009999.000033';
    const forged = { args: { scope: 'team' } };
    await send(
      blockAction(csm.slack_id, ts, {
        type: 'button',
        action_id: 'cs_list_csv',
        value: JSON.stringify(forged),
        text: { type: 'plain_text', text: 'CSV' },
      }).payload,
      'interaction',
    );
    const reply = message(await fake.waitFor(inThread(ts)));
    expect(reply.text).toMatch(/^The whole team's book is for CS leaders/);
    expect(fake.callsTo('files.getUploadURLExternal').length).toBe(before);
  });

  it('answers a bare account name with the glance, whose buttons run score, churn risk, QBR and renewal prep for the same day', async () => {
    const m = mention('acme', csm.slack_id);
    await send(m.payload, 'event');
    const glance = message(await fake.waitFor(inThread(m.ts)));
    expect(headerOf(glance)).toMatch(/^Acme Corp/);
    const next = buttons(glance);
    expect(next.map((b) => b.text.text)).toEqual(['Health score', 'Churn risk', 'QBR prep', 'Renewal prep']);
    const score = await run(testContext(store.db, AS_OF), 'score', { account: 'Acme Corp' });
    const headers: string[] = [];
    for (const [i, b] of next.entries()) {
      const ts = `1764009999.00004${i}`;
      await click(csm.slack_id, ts, b);
      headers.push(headerOf(message(await fake.waitFor(inThread(ts)))));
    }
    expect(headers[0]).toBe(
      `Acme Corp — health ${(score.data as ScoreData).score}/100 · ${(score.data as ScoreData).tier}`,
    );
    const audited = await store.db.query<{ intent: string; actor: string }>(
      `SELECT intent, actor FROM audit_log WHERE surface = 'slack' AND intent IN ('score','churn_risk','qbr_prep','renewal_prep') AND args->>'as_of' = $1 ORDER BY id DESC LIMIT 4`,
      [AS_OF],
    );
    expect(audited.map((a) => a.intent).sort()).toEqual(['churn_risk', 'qbr_prep', 'renewal_prep', 'score']);
    expect(new Set(audited.map((a) => a.actor))).toEqual(new Set([csm.user_id]));
    expect(headers.slice(1).every((h) => h.includes('Acme Corp'))).toBe(true);
  });

  it('asks back with the close readings as buttons, and a click runs that reading through the router', async () => {
    const m = mention('acme plan', csm.slack_id);
    await send(m.payload, 'event');
    const reply = message(await fake.waitFor(inThread(m.ts)));
    const offered = ((await ask(testContext(store.db, AS_OF), 'acme plan')).data as UnknownData).readings;
    expect(offered.length).toBeGreaterThanOrEqual(2);
    expect(reply.text).toBe(`Did you mean ${offered.map((r) => r.label).join(', or ')}?`);
    const choices = buttons(reply);
    expect(choices.map((b) => b.text.text)).toEqual(offered.map((r) => r.label));
    const ts = '1764009999.000051';
    await click(csm.slack_id, ts, choices[1] as Button);
    const answer = message(await fake.waitFor(inThread(ts)));
    expect(headerOf(answer)).toMatch(/Acme Corp/);
    const [audit] = await store.db.query<{ intent: string; actor: string; account_id: string }>(
      `SELECT intent, actor, account_id FROM audit_log WHERE surface = 'slack' AND text IS NULL ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({ intent: offered[1]?.intent, actor: csm.user_id, account_id: 'ACC-00001' });
  });

  it('stores a "Disagree" with its reason code and confirms only to the asker', async () => {
    const m = mention('score Acme', csm.slack_id);
    await send(m.payload, 'event');
    const answer = message(await fake.waitFor(inThread(m.ts)));
    const menu = answer.blocks
      .flatMap((b) => (b.type === 'actions' ? b.elements : []))
      .find((e) => e.type === 'static_select');
    if (menu?.type !== 'static_select' || !menu.options) throw new Error('no Disagree menu');
    const tooHigh = menu.options.find((o) => o.value?.startsWith('score_too_high|'));
    expect(tooHigh).toBeDefined();
    const click = blockAction(csm.slack_id, '1764009999.000003', {
      type: 'static_select',
      action_id: menu.action_id,
      selected_option: tooHigh,
    });
    await send(click.payload, 'interaction');
    const confirm = await fake.waitFor(
      (c) =>
        c.method === 'response_url' && c.body.text !== undefined && String(c.body.text).startsWith('Thanks'),
    );
    expect(confirm.body.response_type).toBe('ephemeral');
    const rows = await store.db.query<{ actor: string; reason: string; as_of: string }>(
      `SELECT d.actor, d.reason, d.as_of FROM health_disagreements d JOIN accounts a USING (account_id) WHERE a.name = 'Acme Corp'`,
    );
    expect(rows).toEqual([{ actor: csm.user_id, reason: 'score_too_high', as_of: AS_OF }]);
  });

  it('acknowledges /cs at once and answers through the response_url; /cs help lists the commands', async () => {
    const cmd = slashCommand('renewal prep for Hooli', LEADER);
    const ack = await send(cmd.payload, 'command');
    expect(ack.status).toBe(200);
    const reply = await fake.waitFor(
      (c) =>
        c.method === 'response_url' && c.body.text !== undefined && headerOf(message(c)).startsWith('Hooli'),
    );
    expect(reply.body.response_type).toBe('ephemeral');
    expect(buttons(message(reply)).map((b) => b.text.text)).toContain('Draft email');
    const help = slashCommand('help', csm.slack_id);
    await send(help.payload, 'command');
    const helpReply = message(
      await fake.waitFor((c) => c.method === 'response_url' && headerOf(message(c)) === 'What I can answer'),
    );
    expect(allText(helpReply)).toContain('QBR prep');
    expect(messageProblems(helpReply)).toEqual([]);
  });

  it('tells an unknown user how to be added, and finds a known one by email through users.info', async () => {
    const stranger = mention('score Acme', 'U0STRANGER');
    await send(stranger.payload, 'event');
    const polite = message(await fake.waitFor(inThread(stranger.ts)));
    expect(polite.text).toContain('Ask a cs-engine admin to add you');
    expect(polite.text).toContain('U0STRANGER');
    const dana = mention('portfolio review', 'U0DANALEE');
    await send(dana.payload, 'event');
    const review = message(await fake.waitFor(inThread(dana.ts)));
    expect(headerOf(review)).toMatch(/^Portfolio review — whole portfolio/);
    const [linked] = await store.db.query<{ slack_id: string }>(
      `SELECT slack_id FROM users WHERE user_id = 'dana.lee'`,
    );
    expect(linked?.slack_id).toBe('U0DANALEE');
    const [refused] = await store.db.query<{ error_code: string }>(
      `SELECT error_code FROM audit_log WHERE actor = 'slack:U0STRANGER'`,
    );
    expect(refused?.error_code).toBe('user_unknown');
  });

  it('publishes the App Home with the CSM’s own book', async () => {
    seq++;
    await send(
      {
        token: 'legacy',
        team_id: 'T00000001',
        api_app_id: 'A0CSENGINE',
        type: 'event_callback',
        event_id: `EvHOME${seq}`,
        event_time: 1764000000,
        event: {
          type: 'app_home_opened',
          user: csm.slack_id,
          channel: 'D0HOME',
          tab: 'home',
          event_ts: '1764000000.1',
        },
      },
      'event',
    );
    const publish = await fake.waitFor(
      (c) => c.method === 'views.publish' && c.body.user_id === csm.slack_id,
    );
    const view = publish.body.view as { type: string; blocks: SlackMessage['blocks'] };
    const [book] = await store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM accounts WHERE csm = $1 AND status = 'active'`,
      [csm.email],
    );
    expect(view.type).toBe('home');
    expect(headerOf({ text: 'home', blocks: view.blocks })).toMatch(
      new RegExp(`'s book: ${book?.n} accounts · `),
    );
  });
});
