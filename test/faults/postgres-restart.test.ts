import { exec } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlackApi } from '../../bench/fake-slack-api.ts';
import { mentionEvent, postToSlackApp, signedRequest } from '../../bench/slack-request.ts';
import { cse, DATABASE_URL, FAULTS, freePort, inParallel, privateSchema, startCse, stop } from './helpers.ts';

const SECRET = 'fault-signing-secret';
const QUESTIONS = 200;
const RESTART_AFTER = 60;

let fake: FakeSlackApi;
let schema: ReturnType<typeof privateSchema>;
let env: Record<string, string>;

beforeAll(async () => {
  if (!FAULTS.pgRestart || !DATABASE_URL) return;
  schema = privateSchema();
  fake = await new FakeSlackApi().start();
  env = { DATABASE_URL, DATABASE_SCHEMA: schema.schema, CSE_NOW: '2026-11-24T12:00:00Z' };
  const demo = await cse(['demo', '--accounts', '200', '--as-of', '2026-11-24'], env);
  if (demo.code !== 0) throw new Error(demo.out);
});
afterAll(async () => {
  await fake?.stop();
  await schema?.drop();
});

describe.runIf(FAULTS.pgRestart && DATABASE_URL)('PostgreSQL restarted under load', () => {
  it(`answers or clearly refuses each of ${QUESTIONS} questions through cse serve, once, and never crashes`, async () => {
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    const [leader] = (
      await client.query<{ slack_id: string }>(
        `SELECT slack_id FROM ${schema.schema}.users WHERE role = 'leader' ORDER BY user_id LIMIT 1`,
      )
    ).rows;
    const started = (await client.query<{ at: string }>('SELECT pg_postmaster_start_time()::text AS at'))
      .rows[0]?.at;
    await client.end();
    const port = await freePort();
    const serve = await startCse(
      ['serve', '--port', String(port)],
      { ...env, SLACK_BOT_TOKEN: 'xoxb-fault', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl },
      'Listening on',
    );
    const url = `http://127.0.0.1:${port}/slack/events`;
    const asks = [
      'score Acme Corp',
      'churn risk for Globex',
      'portfolio review',
      'nrr report',
      'qbr prep for Initech',
    ];
    const stamps = Array.from({ length: QUESTIONS }, (_, i) => `1766000000.${String(i).padStart(6, '0')}`);
    let restart: Promise<unknown> | null = null;
    const restartStarted = { at: 0 };
    try {
      await inParallel(stamps, 4, async (ts, i) => {
        if (i === RESTART_AFTER) {
          restartStarted.at = performance.now();
          restart = promisify(exec)(FAULTS.pgRestart ?? '');
        }
        const payload = mentionEvent(
          `EvPG${i}`,
          leader?.slack_id ?? '',
          asks[i % asks.length] ?? '',
          ts,
          'C0FAULT',
        );
        const acked = await postToSlackApp(url, signedRequest(SECRET, payload, 'event'));
        expect(acked.status).toBe(200);
        const first = await fake.waitFor(
          (c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts,
          90_000,
        );
        if (String(first.body.text).startsWith('Working on it'))
          await fake.waitFor((c) => c.method === 'chat.update' && c.body.ts === first.reply.ts, 90_000);
      });
      await restart;
      // Every thread has exactly one reply: an answer, or the clear outage message.
      let answered = 0;
      let unavailable = 0;
      const other: string[] = [];
      for (const ts of stamps) {
        const replies = fake.calls.filter((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts);
        expect(replies, ts).toHaveLength(1);
        // A slow answer first posts "Working on it…" and then replaces it in place: what the
        // thread shows in the end is the last update of that one message.
        const posted = replies[0];
        const updates = fake.calls.filter(
          (c) => c.method === 'chat.update' && c.body.ts === posted?.reply.ts,
        );
        const shown = updates.at(-1) ?? posted;
        const text = String(shown?.body.text);
        if (text.startsWith('The database is unavailable')) unavailable++;
        else if ((shown?.body.blocks as { type: string }[] | undefined)?.[0]?.type === 'header') answered++;
        else other.push(text.slice(0, 120));
      }
      expect(other).toEqual([]);
      expect(answered + unavailable).toBe(QUESTIONS);
      // The server really restarted under the run (a connection refused while it does is retried).
      const check = new pg.Client({ connectionString: DATABASE_URL });
      await check.connect();
      const restartedAt = (await check.query<{ at: string }>('SELECT pg_postmaster_start_time()::text AS at'))
        .rows[0]?.at;
      await check.end();
      expect(restartedAt).not.toBe(started);
      expect(answered).toBeGreaterThan(0);
      // After the restart the server is still up and answers again.
      expect(serve.exitCode).toBeNull();
      const after = '1766000999.000001';
      await postToSlackApp(
        url,
        signedRequest(
          SECRET,
          mentionEvent('EvPGafter', leader?.slack_id ?? '', 'score Acme Corp', after, 'C0FAULT'),
          'event',
        ),
      );
      const last = await fake.waitFor(
        (c) => c.method === 'chat.postMessage' && c.body.thread_ts === after,
        30_000,
      );
      expect((last.body.blocks as { type: string }[])[0]?.type).toBe('header');
      console.log(
        `postgres restart: ${QUESTIONS} questions, ${answered} answered, ${unavailable} told the database is unavailable, 0 crashes, 0 duplicates`,
      );
    } finally {
      await stop(serve);
    }
  }, 240_000);
});
