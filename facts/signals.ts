import { addDays, startOfDay, startOfNextDay } from '../core/calendar.ts';
import {
  RISK_SIGNALS,
  responseSlaHours,
  type SignalKind,
  signalSettings,
} from '../knowledge/customer-signals.ts';
import type { Queryable } from '../store/db.ts';
import { customerQuestions, segmentsOf, sideContextRows } from '../store/repositories/customer-channels.ts';
import { type StoredSignal, signalsWhere } from '../store/repositories/customer-signals.ts';
import type { SideContext } from '../tools/signals/message-side.ts';
import {
  type VoiceAccount,
  type VoiceContext,
  type VoiceSummary,
  voiceContext,
  voiceSummary,
} from '../tools/signals/voice-summary.ts';

export {
  accountsByDomain,
  type CustomerQuestion,
  channelSummaries,
  customerQuestions,
  findChannel,
  findMessage,
} from '../store/repositories/customer-channels.ts';
export type {
  CustomerText,
  SignalSource,
  StoredSignal,
  TextSide,
} from '../store/repositories/customer-signals.ts';
export { unscannedTexts } from '../store/repositories/customer-signals.ts';

/** The signals of some accounts in the lookback window ending on a day (knowledge/signals: 90 days), newest first. */
export async function recentSignals(
  db: Queryable,
  accountIds: readonly string[] | null,
  day: string,
  options: { kinds?: readonly SignalKind[]; days?: number; limit?: number } = {},
): Promise<StoredSignal[]> {
  const days = options.days ?? signalSettings().lookback_days;
  return signalsWhere(db, {
    accountIds,
    ...(options.kinds ? { kinds: options.kinds } : {}),
    from: startOfDay(addDays(day, -(days - 1))),
    before: startOfNextDay(day),
    limit: options.limit ?? 5000,
  });
}

/** What the customer said, in their words or our notes of them (never our own messages). */
const inTheirWords = (s: StoredSignal): boolean => s.side === 'customer' || s.source === 'note';

/** The earlier of the run's time and the end of its day: a past day is judged at its end. */
const endOf = (day: string, now: string): string => [now, startOfNextDay(day)].sort()[0] as string;

/** What tells a channel message's side for an account: our workspace, our people's Slack ids, the account's domain. */
export async function sideContextOf(
  db: Queryable,
  accountId: string,
  ourTeamId: string | null,
): Promise<SideContext> {
  const rows = await sideContextRows(db, accountId);
  return { ourTeamId, teamSlackIds: new Set(rows.slackIds), accountDomain: rows.domain };
}

/** What a customer said as a risk (churn intent, competitor, budget, champion leaving) in [from, before): their words or our notes of them. */
export async function voiceSignalsBetween(
  db: Queryable,
  accountIds: readonly string[],
  from: string,
  before: string,
): Promise<StoredSignal[]> {
  const found = await signalsWhere(db, { accountIds, kinds: RISK_SIGNALS, from, before, limit: 1_000_000 });
  return found.filter(inTheirWords);
}

/**
 * Per account and cutoff, the point-in-time value of a customer signal: `customer_voice` counts
 * the risk signals of the 90 days up to the cutoff; `responsiveness` is the median hours our team
 * took to answer the customer's questions of the 30 days up to it (a question still open at the
 * cutoff counts until then), over the segment's response SLA (1 = on the SLA). Null: nothing to
 * measure.
 */
export async function signalValuesAt(
  db: Queryable,
  signal: 'customer_voice' | 'responsiveness',
  accountIds: readonly string[],
  cutoffs: readonly string[],
): Promise<(accountId: string, cutoff: string) => number | null> {
  const sorted = [...cutoffs].sort();
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last || accountIds.length === 0) return () => null;
  if (signal === 'customer_voice') {
    const said = await voiceSignalsBetween(
      db,
      accountIds,
      startOfDay(addDays(first, -89)),
      startOfNextDay(last),
    );
    const times = new Map<string, string[]>();
    for (const s of said)
      times.set(s.account_id, [...(times.get(s.account_id) ?? []), new Date(s.at).toISOString()]);
    return (id, cutoff) => {
      const from = startOfDay(addDays(cutoff, -89));
      const to = startOfNextDay(cutoff);
      return (times.get(id) ?? []).filter((at) => at >= from && at < to).length;
    };
  }
  const [questions, segments] = await Promise.all([
    customerQuestions(db, accountIds, startOfDay(addDays(first, -29)), startOfNextDay(last)),
    segmentsOf(db, accountIds),
  ]);
  const sla = signalSettings().response_sla_hours;
  return (id, cutoff) => {
    const from = startOfDay(addDays(cutoff, -29));
    const end = startOfNextDay(cutoff);
    const hours = questions
      .filter((q) => q.account_id === id && q.at >= from && q.at < end)
      .map((q) => (Math.min(Date.parse(q.replied_at ?? end), Date.parse(end)) - Date.parse(q.at)) / 3_600_000)
      .sort((a, b) => a - b);
    if (hours.length === 0) return null;
    const median = hours[Math.floor((hours.length - 1) / 2)] as number;
    return median / responseSlaHours(sla, segments.get(id) ?? null);
  };
}

/**
 * What an account told us lately, for a plan: the newest signals of the customer's own words (or
 * our notes of them) over the lookback, questions left out, at most `limit`.
 */
export async function whatTheyToldUs(
  db: Queryable,
  accountId: string,
  day: string,
  limit = 5,
): Promise<StoredSignal[]> {
  const found = await recentSignals(db, [accountId], day);
  return found.filter((s) => inTheirWords(s) && s.kind !== 'question').slice(0, limit);
}

/**
 * A book's customer voice over the `days` up to a day: the accounts whose customers raised a risk,
 * and each CSM's response SLA on the questions asked in their accounts' channels.
 */
export async function bookVoice(
  db: Queryable,
  book: readonly VoiceAccount[],
  day: string,
  now: string,
  days = 7,
): Promise<VoiceSummary> {
  const ids = book.map((a) => a.accountId);
  const from = startOfDay(addDays(day, -(days - 1)));
  const before = endOf(day, now);
  const [said, questions] = await Promise.all([
    voiceSignalsBetween(db, ids, from, before),
    customerQuestions(db, ids, from, before),
  ]);
  return voiceSummary(
    book,
    said.map((s) => ({
      account_id: s.account_id,
      kind: s.kind,
      quote: s.quote,
      at: new Date(s.at).toISOString(),
    })),
    questions,
    signalSettings().response_sla_hours,
    before,
  );
}

/** What customers said over the last 30 days against the 30 before, and our response time: context beside a score. */
export async function accountVoiceContext(
  db: Queryable,
  account: { id: string; segment: string | null },
  day: string,
  now: string,
): Promise<VoiceContext | null> {
  const days = 30;
  const windowStart = startOfDay(addDays(day, -(days - 1)));
  const before = endOf(day, now);
  const [said, questions] = await Promise.all([
    signalsWhere(db, {
      accountIds: [account.id],
      from: startOfDay(addDays(day, -(2 * days - 1))),
      before,
      limit: 10_000,
    }),
    customerQuestions(db, [account.id], windowStart, before),
  ]);
  return voiceContext(
    said.filter(inTheirWords).map((s) => ({ kind: s.kind, at: new Date(s.at).toISOString() })),
    windowStart,
    questions,
    responseSlaHours(signalSettings().response_sla_hours, account.segment),
    before,
    days,
  );
}
