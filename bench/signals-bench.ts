import { webApi } from '@slack/bolt';
import { slackChannelReader } from '../bot/channel-reader.ts';
import type { Config } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { backfillChannels } from '../jobs/channel-backfill.ts';
import { localDetector, recordMessages } from '../jobs/customer-signals.ts';
import { loadDemoVocabulary } from '../knowledge/demo-vocabulary.ts';
import { linkChannel } from '../records/signals.ts';
import type { Db } from '../store/db.ts';
import { listAccounts } from '../store/repositories/accounts.ts';
import { storedMessageCounts } from '../store/repositories/customer-channels.ts';
import { listUsers } from '../store/repositories/users.ts';
import { scratchStore } from '../store/scratch-store.ts';
import { type FakeChannel, type FakeChannelMessage, FakeSlackApi } from './fake-slack-api.ts';

export interface SignalsBenchOptions {
  /** Messages in the channels' history, back-filled through the fake Web API. */
  messages: number;
  /** Messages stored one by one, as live events arrive. */
  live: number;
  asOf: string;
  onProgress?: (message: string) => void;
}

export interface SignalsBenchReport {
  backfill: {
    channels: number;
    messages: number;
    pages: number;
    seconds: number;
    messages_per_second: number;
    stored_once: boolean;
  };
  live: { messages: number; seconds: number; messages_per_second: number };
}

const CHANNELS = 20;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Channel lines of every kind (the demo's hand-written conversation lines), numbered so no two are the same. */
function lines(): string[] {
  const c = loadDemoVocabulary().conversations;
  return [
    ...c.questions,
    ...c.answers,
    ...c.requests,
    ...c.bugs,
    ...c.praise,
    ...c.chatter,
    ...c.churn_intent,
  ].map((l) =>
    l
      .replaceAll('{first}', 'Sam')
      .replaceAll('{n}', '12')
      .replaceAll('{competitor}', 'Contoso Ops')
      .replaceAll('{name}', 'the team'),
  );
}

/** Histories for the channels: one message in ten opens a thread of two replies; a third of the authors are our team. */
function histories(
  total: number,
  asOf: string,
  people: { team: string; customer: string },
): Record<string, FakeChannel> {
  const text = lines();
  const per = Math.ceil(total / CHANNELS);
  const start = Math.floor(Date.parse(`${asOf}T00:00:00.000Z`) / 1000) - 300 * 86_400;
  const out: Record<string, FakeChannel> = {};
  let k = 0;
  for (let c = 0; c < CHANNELS && k < total; c++) {
    const messages: FakeChannelMessage[] = [];
    const replies: Record<string, FakeChannelMessage[]> = {};
    while (messages.length + Object.values(replies).flat().length < per && k < total) {
      const ts = `${start + k * 60}.000100`;
      const m: FakeChannelMessage = {
        ts,
        user: k % 3 === 0 ? people.team : people.customer,
        text: `${text[k % text.length]} (#${k})`,
      };
      messages.push(m);
      k++;
      if (k % 10 === 0 && k + 2 <= total) {
        m.reply_count = 2;
        replies[ts] = [0, 1].map((r) => ({
          ts: `${start + k * 60 + 10 + r}.000100`,
          thread_ts: ts,
          user: r ? people.customer : people.team,
          text: `${text[(k + r) % text.length]} (#${k}.${r})`,
        }));
        k += 2;
      }
    }
    out[`C0BENCH${String(c).padStart(4, '0')}`] = { name: `bench-${c}`, messages, replies };
  }
  return out;
}

interface BenchStore {
  db: Db;
  people: { team: string; customer: string };
  accountIds: string[];
}

/** The demo's team and accounts, and the channels linked to them with their histories served by the fake. */
async function linkedChannels(bench: BenchStore, options: SignalsBenchOptions) {
  const channels = histories(options.messages, options.asOf, bench.people);
  for (const [i, id] of Object.keys(channels).entries())
    await linkChannel(bench.db, {
      channel_id: id,
      account_id: bench.accountIds[i % bench.accountIds.length] ?? '',
      name: null,
      shared: true,
      linked_via: 'cli',
      linked_by: 'bench',
      linked_at: `${options.asOf}T00:00:00.000Z`,
      backfill_days: 365,
    });
  return channels;
}

/** The back-fill through the fake Web API, timed. */
async function timedBackfill(bench: BenchStore, fake: FakeSlackApi, options: SignalsBenchOptions) {
  const reader = slackChannelReader(new webApi.WebClient('xoxb-bench', { slackApiUrl: fake.apiUrl }));
  const deps = {
    db: bench.db,
    logger: createLogger('silent'),
    now: () => `${options.asOf}T12:00:00.000Z`,
    detector: localDetector(),
  };
  const started = performance.now();
  const done = await backfillChannels(deps, reader);
  const seconds = (performance.now() - started) / 1000;
  const stored = await storedMessageCounts(bench.db, 'C0BENCH');
  return {
    channels: done.channels,
    messages: done.messages,
    pages: done.pages,
    seconds: round(seconds),
    messages_per_second: Math.round(done.messages / seconds),
    stored_once: stored.n === options.messages && stored.distinct === options.messages,
  };
}

/** Live messages, each stored and read in its own transaction, timed. */
async function timedLive(bench: BenchStore, options: SignalsBenchOptions) {
  const text = lines();
  const detector = localDetector();
  const started = performance.now();
  for (let k = 0; k < options.live; k++) {
    const ts = 1_800_000_000 + k;
    await recordMessages(
      bench.db,
      [
        {
          channel_id: 'C0BENCH0000',
          ts: `${ts}.000200`,
          account_id: bench.accountIds[0] ?? '',
          thread_ts: null,
          author_id: bench.people.customer,
          author_name: null,
          side: 'customer',
          text: `${text[k % text.length]} (live ${k})`,
          at: new Date(ts * 1000).toISOString(),
          edited_at: null,
        },
      ],
      `${options.asOf}T12:00:00.000Z`,
      detector,
    );
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    messages: options.live,
    seconds: round(seconds),
    messages_per_second: Math.round(options.live / seconds),
  };
}

/**
 * Customer channels: a back-fill of `messages` messages from 20 channels through the Web API (a
 * local fake, pages of 200, threads read with conversations.replies), stored and read for signals
 * page by page; then `live` messages stored one per transaction, as events arrive.
 */
export async function runSignalsBench(
  config: Config,
  options: SignalsBenchOptions,
): Promise<SignalsBenchReport> {
  const say = options.onProgress ?? (() => undefined);
  const store = await scratchStore(config);
  const db = await store.open();
  try {
    await loadDemo(db, { accounts: 40, seed: 42, asOf: options.asOf });
    const team = (await listUsers(db)).find((u) => u.role === 'csm' && u.slack_id);
    const accountIds = (await listAccounts(db)).map((a) => a.account_id).slice(0, CHANNELS);
    const bench: BenchStore = {
      db,
      people: { team: team?.slack_id ?? 'U0TEAM', customer: 'UCUSTOMER1' },
      accountIds,
    };
    const channels = await linkedChannels(bench, options);
    const fake = await new FakeSlackApi({
      channels,
      emails: { [bench.people.customer]: 'jo@customer.example' },
      teams: { [bench.people.customer]: 'TCUSTOMER' },
    }).start();
    try {
      say(
        `back-filling ${options.messages.toLocaleString('en-US')} messages from ${CHANNELS} channels through the fake Web API…`,
      );
      const backfill = await timedBackfill(bench, fake, options);
      say(`live: ${options.live.toLocaleString('en-US')} messages, one per transaction…`);
      return { backfill, live: await timedLive(bench, options) };
    } finally {
      await fake.stop();
    }
  } finally {
    await db.close();
    await store.dispose();
  }
}
