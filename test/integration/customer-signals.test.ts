import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { voiceSection } from '../../bot/render/alert-message.ts';
import { renderAnswer } from '../../commands/answer-text.ts';
import type { BookSignalsData } from '../../commands/book-signals/command.ts';
import type { ChurnRiskData } from '../../commands/churn-risk/command.ts';
import { type Answer, ask, run } from '../../commands/router.ts';
import type { SignalBacktestData } from '../../commands/signal-backtest/command.ts';
import type { SignalsData } from '../../commands/signals/command.ts';
import { addDays } from '../../core/calendar.ts';
import { runDay } from '../../jobs/daily-run.ts';
import { backfillOn, demoHistoryDays } from '../../jobs/score-all.ts';
import { listAlerts } from '../../store/repositories/alerts.ts';
import { insertFeedback } from '../../store/repositories/feedback.ts';
import { testContext } from '../helpers/command-context.ts';
import { dayParts } from '../helpers/daily-parts.ts';
import { openDemoStore, type TestStore } from '../helpers/test-db.ts';

const AS_OF = '2026-11-24';
let store: TestStore;
const parts = (day: string) => dayParts(store.db, day);
const voiceAlerts = async () =>
  (await listAlerts(store.db, { keys: null, states: null })).filter(
    (a) => a.rule === 'customer_churn_intent',
  );

beforeAll(async () => {
  store = await openDemoStore(AS_OF);
  await runDay(parts(AS_OF), AS_OF, { force: true });
});
afterAll(async () => store?.cleanup());

/** Active accounts with churn intent in what a customer said (or our notes of it), and the newest quote. */
async function saidChurn(days: number) {
  return store.db.query<{ account_id: string; name: string; quote: string }>(
    `SELECT DISTINCT ON (s.account_id) s.account_id, a.name, s.quote FROM customer_signals s JOIN accounts a USING (account_id)
      WHERE s.kind = 'churn_intent' AND a.status = 'active' AND (s.side = 'customer' OR s.source = 'note')
        AND s.at >= $1::date - $2::int + 1 AND s.at < $1::date + 1
      ORDER BY s.account_id, s.at DESC`,
    [AS_OF, days],
  );
}

describe('what customers say, heard on the demo portfolio', () => {
  it('reads channel messages, feedback, tickets and call notes, each signal with its quote, side and link', async () => {
    const bySource = await store.db.query<{ source: string; n: number }>(
      `SELECT source, count(*)::int AS n FROM customer_signals GROUP BY source ORDER BY source`,
    );
    expect(bySource.map((r) => r.source)).toEqual(['feedback', 'note', 'slack', 'ticket']);
    const [slack] = await store.db.query<{ link: string; side: string }>(
      `SELECT link, side FROM customer_signals WHERE source = 'slack' AND side = 'customer' ORDER BY at LIMIT 1`,
    );
    expect(slack?.link).toMatch(/^https:\/\/slack\.com\/archives\/C0DEMO\d{5}\/p\d{16}$/);
    // Only the customer's words are read: our team's and bots' messages never carry a signal.
    const [ours] = await store.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM customer_signals WHERE source = 'slack' AND side <> 'customer'`,
    );
    expect(ours?.n).toBe(0);
    // A ticket whose body opens with its subject is read (and quoted) once.
    const [ticket] = await store.db.query<{ subject: string; quote: string }>(
      `SELECT t.subject, s.quote FROM customer_signals s JOIN tickets t ON t.ticket_id = s.source_id
        WHERE s.source = 'ticket' AND t.body LIKE t.subject || '%' ORDER BY s.source_id LIMIT 1`,
    );
    expect(ticket?.quote.split(ticket.subject).length).toBe(2);
  });

  it('shows every account whose customer said they may not renew the indicator, with the quote', async () => {
    const accounts = await saidChurn(90);
    expect(accounts.length).toBeGreaterThanOrEqual(10);
    const ctx = testContext(store.db, AS_OF);
    for (const a of accounts) {
      const data = (await run(ctx, 'churn_risk', { account: a.account_id })).data as ChurnRiskData;
      const said = data.indicators.find((i) => i.id === 'said_may_not_renew');
      expect(said?.fired, a.name).toBe(true);
      expect(said?.evidence.join(' '), a.name).toContain(a.quote.slice(0, 40));
      expect(data.level, a.name).not.toBe('low');
    }
  });

  it('raised a critical alert for each on the day, and a tick the next day raises nothing new', async () => {
    const recent = await saidChurn(30);
    const alerts = await voiceAlerts();
    expect(new Set(alerts.map((a) => a.account_id))).toEqual(new Set(recent.map((a) => a.account_id)));
    for (const a of alerts) {
      expect(a.severity).toBe('critical');
      expect(a.raised_on).toBe(AS_OF);
    }
    const next = await runDay(parts(addDays(AS_OF, 1)), addDays(AS_OF, 1), { force: true });
    expect((await voiceAlerts()).filter((a) => a.raised_on === addDays(AS_OF, 1))).toEqual([]);
    expect(next.alerts).not.toBeNull();
  });

  it('hears a new message the day it arrives: the indicator, a critical alert that day, and nothing more the day after', async () => {
    const day = addDays(AS_OF, 2);
    const [calm] = await store.db.query<{ account_id: string; name: string }>(
      `SELECT account_id, name FROM accounts a WHERE status = 'active' AND NOT EXISTS
         (SELECT 1 FROM customer_signals s WHERE s.account_id = a.account_id AND s.kind = 'churn_intent')
       ORDER BY account_id LIMIT 1`,
    );
    await insertFeedback(store.db, {
      feedback_id: 'FB-VOICE-1',
      account_id: calm?.account_id ?? '',
      source: 'call_note',
      created_at: `${day}T05:00:00.000Z`,
      text: 'They told us they will not renew when the contract ends; the budget moved to another team.',
    });
    await runDay(parts(day), day, { force: true });
    const raised = (await voiceAlerts()).filter((a) => a.account_id === calm?.account_id);
    expect(raised.map((a) => [a.severity, a.raised_on, a.since])).toEqual([['critical', day, day]]);
    expect(raised[0]?.reason).toContain('they will not renew when the contract ends');
    const risk = (await run(testContext(store.db, day), 'churn_risk', { account: calm?.account_id }))
      .data as ChurnRiskData;
    expect(risk.indicators.find((i) => i.id === 'said_may_not_renew')?.fired).toBe(true);
    await runDay(parts(addDays(day, 1)), addDays(day, 1), { force: true });
    expect((await voiceAlerts()).filter((a) => a.account_id === calm?.account_id)).toHaveLength(1);
  });

  it('answers "signals for" an account and "churn signals this week" for the book', async () => {
    const [said] = await saidChurn(90);
    const ctx = testContext(store.db, AS_OF);
    const one = (await run(ctx, 'signals', { account: said?.account_id, kind: 'churn_intent' }))
      .data as SignalsData;
    expect(one.signals.map((s) => s.quote)).toContain(said?.quote);
    expect(one.counts.churn_intent).toBe(one.signals.length);
    const book = await ask(ctx, 'churn signals in the last 90 days');
    expect(book.intent).toBe('book_signals');
    const week = (await run(ctx, 'book_signals', { days: 90, scope: 'team' })).data as BookSignalsData;
    expect(week.accounts.map((a) => a.account_id)).toEqual(expect.arrayContaining([said?.account_id]));
  });

  it('backtests what customers said beside the score: with and without it, out of time, with intervals', async () => {
    await backfillOn(store.db, demoHistoryDays(AS_OF, 4, 8));
    const answer = await run(testContext(store.db, AS_OF), 'signal_backtest', {
      signal: 'customer_voice',
      scope: 'team',
    });
    const data = answer.data as SignalBacktestData;
    expect(data.cutoffs.length).toBeGreaterThanOrEqual(4);
    expect(data.present.observations + data.absent.observations).toBe(data.observations);
    expect(data.present.observations).toBeGreaterThan(0);
    expect(data.score.without.auc).not.toBeNull();
    expect(data.score.with.ci).not.toBeNull();
    expect(data.lead_time.with.caught).toBeGreaterThanOrEqual(data.lead_time.without.caught);
    expect(renderAnswer(answer)).toContain('health score with the signal     AUC');
  });

  it('puts what they told us, with quotes, in the save play, the renewal prep and the QBR prep', async () => {
    const [said] = await saidChurn(90);
    const ctx = testContext(store.db, AS_OF);
    for (const intent of ['save_play', 'renewal_prep', 'qbr_prep'] as const) {
      const answer = await run(ctx, intent, { account: said?.account_id });
      const told = (answer.data as { told_us: { kind: string; quote: string }[] }).told_us;
      expect(told.length, intent).toBeGreaterThan(0);
      expect(told.length, intent).toBeLessThanOrEqual(5);
      expect(
        told.map((t) => t.kind),
        intent,
      ).not.toContain('question');
      expect(renderAnswer(answer as Answer), intent).toContain('What they told us:');
    }
  });

  it('shows who raised a risk this week and the response SLA per CSM in the portfolio review', async () => {
    const answer = await run(testContext(store.db, AS_OF), 'portfolio_review', { scope: 'team' });
    const voice = (
      answer.data as {
        customer_voice: {
          accounts: { account_id: string; name: string }[];
          response_sla: { csm: string; questions: number }[];
        };
      }
    ).customer_voice;
    const week = await store.db.query<{ account_id: string }>(
      `SELECT DISTINCT s.account_id FROM customer_signals s JOIN accounts a USING (account_id)
        WHERE a.status = 'active' AND s.kind IN ('churn_intent', 'competitor', 'budget', 'champion_leaving')
          AND (s.side = 'customer' OR s.source = 'note') AND s.at >= $1::date - 6 AND s.at < $2::timestamptz ORDER BY 1`,
      [AS_OF, `${AS_OF}T12:00:00.000Z`],
    );
    expect(voice.accounts.map((a) => a.account_id).sort()).toEqual(week.map((r) => r.account_id));
    expect(voice.response_sla.length).toBeGreaterThan(0);
    expect(renderAnswer(answer)).toContain('Customer voice, last 7 days:');
    // The leaders' weekly digest carries the same section, in Slack's words.
    const digest = JSON.stringify(voiceSection(answer as Answer));
    expect(digest).toContain('What customers said, last 7 days');
    expect(digest).toContain('Response SLA met:');
    for (const a of voice.accounts.slice(0, 8)) expect(digest).toContain(`*${a.name}*`);
  });

  it('shows what customers said and our response time beside the score, never in it', async () => {
    const [said] = await saidChurn(30);
    const answer = await run(testContext(store.db, AS_OF), 'score', { account: said?.account_id });
    const data = answer.data as { voice: { now: { risk: number } } | null; score: number | null };
    expect(data.voice?.now.risk).toBeGreaterThan(0);
    expect(renderAnswer(answer)).toContain('Beside the score (not part of it): customers said');
  });
});
