import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Config } from '../core/config.ts';
import { packagePath } from '../core/package-root.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { scoreAll } from '../jobs/score-all.ts';
import { accountNames } from '../store/repositories/accounts.ts';
import { listUsers } from '../store/repositories/users.ts';
import { scratchStore } from '../store/scratch-store.ts';
import { FakeSlackApi, type SlackCall } from './fake-slack-api.ts';
import { percentile } from './report-bench.ts';
import { freePort, mentionEvent, postToSlackApp, signedRequest } from './slack-request.ts';

export interface SlackBenchOptions {
  accounts: number;
  repetitions: number;
  asOf: string;
  onProgress?: (message: string) => void;
}

export interface SlackLatency {
  command: string;
  runs: number;
  ack_p50_ms: number;
  ack_p99_ms: number;
  answer_p50_ms: number;
  answer_p95_ms: number;
}

const SECRET = 'bench-signing-secret';
const BIN = packagePath('bin', 'cse.js');
const round1 = (x: number) => Math.round(x * 10) / 10;
const now = () => performance.timeOrigin + performance.now();

/** Starts `cse serve` on the scratch store and resolves once it listens (it says so on stderr). */
async function startServe(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const {
    DATABASE_URL: _u,
    DATABASE_SCHEMA: _s,
    CSE_DATA_DIR: _d,
    SLACK_APP_TOKEN: _a,
    ...base
  } = process.env;
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
    env: { ...base, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      if (stderr.includes('Listening on')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`cse serve exited with ${code}: ${stderr.trim()}`)));
  });
  return child;
}

/** The demo the bench asks about: a leader who asks, and the active accounts' names. */
async function benchDemo(store: Awaited<ReturnType<typeof scratchStore>>, options: SlackBenchOptions) {
  const db = await store.open();
  await loadDemo(db, { accounts: options.accounts, seed: 42, asOf: options.asOf });
  await scoreAll(db, options.asOf);
  const leader = (await listUsers(db)).find((u) => u.role === 'leader' && u.slack_id)?.slack_id;
  const names = (await accountNames(db))
    .filter((a) => a.status === 'active')
    .sort((a, b) => a.account_id.localeCompare(b.account_id))
    .map((a) => a.name);
  await db.close();
  if (!leader) throw new Error('the demo has no leader with a Slack id');
  return { leader, names };
}

/** Asks one question as a signed app_mention; the ack time and the time until the answer arrives. */
function asker(fake: FakeSlackApi, url: string, leader: string) {
  let seq = 0;
  const answerOf = async (ts: string): Promise<SlackCall> => {
    const first = await fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts,
      300_000,
    );
    if (!String(first.body.text).startsWith('Working on it')) return first;
    return fake.waitFor((c) => c.method === 'chat.update' && c.body.ts === first.reply.ts, 300_000);
  };
  return async (text: string) => {
    seq++;
    const ts = `1764200000.${String(seq).padStart(6, '0')}`;
    const payload = mentionEvent(`EvBENCH${seq}`, leader, text, ts, 'C0BENCH');
    const started = now();
    const answered = answerOf(ts);
    const ack = await postToSlackApp(url, signedRequest(SECRET, payload, 'event'));
    if (ack.status !== 200) throw new Error(`the receiver answered ${ack.status}`);
    const call = await answered;
    return { ackMs: ack.ackMs, answerMs: call.at - started };
  };
}

/** One command's latency: a warm-up, then `repetitions` questions one at a time. */
async function timeCommand(
  ask: ReturnType<typeof asker>,
  command: string,
  textFor: (i: number) => string,
  repetitions: number,
): Promise<SlackLatency> {
  await ask(textFor(0)); // warm-up
  const acks: number[] = [];
  const answers: number[] = [];
  for (let i = 0; i < repetitions; i++) {
    const { ackMs, answerMs } = await ask(textFor(i + 1));
    acks.push(ackMs);
    answers.push(answerMs);
  }
  return {
    command,
    runs: repetitions,
    ack_p50_ms: round1(percentile(acks, 50)),
    ack_p99_ms: round1(percentile(acks, 99)),
    answer_p50_ms: round1(percentile(answers, 50)),
    answer_p95_ms: round1(percentile(answers, 95)),
  };
}

/**
 * Slack latency through the real HTTP receiver: `cse serve` runs in its own process (as in
 * production, so the sender's clock is not blocked by the bot's work), signed app_mention events
 * go to /slack/events, and a local fake Slack Web API records the answers. Ack = time to the HTTP
 * response; answer = time from sending the event to the answer arriving at the fake Slack (after
 * a "Working on it" message, the chat.update that replaces it). One question at a time.
 */
export async function runSlackBench(config: Config, options: SlackBenchOptions): Promise<SlackLatency[]> {
  const say = options.onProgress ?? (() => undefined);
  const store = await scratchStore(config);
  const fake = await new FakeSlackApi().start();
  let child: ChildProcess | null = null;
  try {
    say(`loading a ${options.accounts}-account demo and scoring it`);
    const { leader, names } = await benchDemo(store, options);
    const port = await freePort();
    say('starting cse serve');
    child = await startServe(
      {
        ...store.env,
        SLACK_BOT_TOKEN: 'xoxb-bench',
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: fake.apiUrl,
      },
      port,
    );
    const ask = asker(fake, `http://127.0.0.1:${port}/slack/events`, leader);
    const step = Math.max(1, Math.floor(names.length / (options.repetitions + 1)));
    say(`timing score × ${options.repetitions} through Slack`);
    const score = await timeCommand(
      ask,
      'score',
      (i) => `score ${names[(i * step) % names.length]}`,
      options.repetitions,
    );
    say(`timing portfolio_review × ${options.repetitions} through Slack`);
    const review = await timeCommand(ask, 'portfolio_review', () => 'portfolio review', options.repetitions);
    return [score, review];
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
    await fake.stop();
    await store.dispose();
  }
}
