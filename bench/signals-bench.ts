import { webApi } from '@slack/bolt';
import { slackChannelReader } from '../bot/channel-reader.ts';
import type { Config } from '../core/config.ts';
import { createLogger } from '../core/logger.ts';
import { loadDemo } from '../demo/load-demo.ts';
import { backfillChannels } from '../jobs/channel-backfill.ts';
import { localDetector, recordMessages } from '../jobs/customer-signals.ts';
import { loadDemoVocabulary } from '../knowledge/demo-vocabulary.ts';
import { linkChannel } from '../records/signals.ts';
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
    const [team] = await db.query<{ slack_id: string }>(
      "SELECT slack_id FROM users WHERE role = 'csm' ORDER BY user_id LIMIT 1",
    );
    const people = { team: team?.slack_id ?? 'U0TEAM', customer: 'UCUSTOMER1' };
    const channels = histories(options.messages, options.asOf, people);
    const fake = await new FakeSlackApi({
      channels,
      emails: { [people.customer]: 'jo@customer.example' },
      teams: { [people.customer]: 'TCUSTOMER' },
    }).start();
    try {
      const accounts = await db.query<{ account_id: string }>(
        'SELECT account_id FROM accounts ORDER BY account_id LIMIT $1',
        [CHANNELS],
      );
      for (const [i, id] of Object.keys(channels).entries())
        await linkChannel(db, {
          channel_id: id,
          account_id: accounts[i % accounts.length]?.account_id ?? '',
          name: null,
          shared: true,
          linked_via: 'cli',
          linked_by: 'bench',
          linked_at: `${options.asOf}T00:00:00.000Z`,
          backfill_days: 365,
        });
      say(
        `back-filling ${options.messages.toLocaleString('en-US')} messages from ${Object.keys(channels).length} channels through the fake Web API…`,
      );
      const reader = slackChannelReader(new webApi.WebClient('xoxb-bench', { slackApiUrl: fake.apiUrl }));
      const deps = {
        db,
        logger: createLogger('silent'),
        now: () => `${options.asOf}T12:00:00.000Z`,
        detector: localDetector(),
      };
      const started = performance.now();
      const done = await backfillChannels(deps, reader);
      const seconds = (performance.now() - started) / 1000;
      const [stored] = await db.query<{ n: number; distinct: number }>(
        'SELECT count(*)::int AS n, count(DISTINCT (channel_id, ts))::int AS distinct FROM customer_messages WHERE channel_id LIKE $1',
        ['C0BENCH%'],
      );
      say(`live: ${options.live.toLocaleString('en-US')} messages, one per transaction…`);
      const text = lines();
      const liveStart = performance.now();
      for (let k = 0; k < options.live; k++)
        await recordMessages(
          db,
          [
            {
              channel_id: 'C0BENCH0000',
              ts: `${1800000000 + k}.000200`,
              account_id: accounts[0]?.account_id ?? '',
              thread_ts: null,
              author_id: people.customer,
              author_name: null,
              side: 'customer',
              text: `${text[k % text.length]} (live ${k})`,
              at: new Date((1800000000 + k) * 1000).toISOString(),
              edited_at: null,
            },
          ],
          deps.now(),
          deps.detector,
        );
      const liveSeconds = (performance.now() - liveStart) / 1000;
      return {
        backfill: {
          channels: done.channels,
          messages: done.messages,
          pages: done.pages,
          seconds: round(seconds),
          messages_per_second: Math.round(done.messages / seconds),
          stored_once: stored?.n === options.messages && stored?.distinct === options.messages,
        },
        live: {
          messages: options.live,
          seconds: round(liveSeconds),
          messages_per_second: Math.round(options.live / liveSeconds),
        },
      };
    } finally {
      await fake.stop();
    }
  } finally {
    await db.close();
    await store.dispose();
  }
}
