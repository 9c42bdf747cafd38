import { addDays, startOfDay, startOfNextDay } from '../core/calendar.ts';
import { RISK_SIGNALS, type SignalKind, signalSettings } from '../knowledge/customer-signals.ts';
import type { Queryable } from '../store/db.ts';
import { sideContextRows } from '../store/repositories/customer-channels.ts';
import { type StoredSignal, signalsWhere } from '../store/repositories/customer-signals.ts';
import type { SideContext } from '../tools/signals/message-side.ts';

export {
  accountsByDomain,
  accountsWithChannels,
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
export { unscannedCount, unscannedTexts } from '../store/repositories/customer-signals.ts';

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

/** The churn-risk signals (churn intent, competitor, budget, champion leaving) by account. */
export async function riskSignalsByAccount(
  db: Queryable,
  accountIds: readonly string[],
  day: string,
): Promise<Map<string, StoredSignal[]>> {
  const signals = await recentSignals(db, accountIds, day, { kinds: RISK_SIGNALS });
  const byAccount = new Map<string, StoredSignal[]>();
  for (const s of signals) byAccount.set(s.account_id, [...(byAccount.get(s.account_id) ?? []), s]);
  return byAccount;
}

/** What tells a channel message's side for an account: our workspace, our people's Slack ids, the account's domain. */
export async function sideContextOf(
  db: Queryable,
  accountId: string,
  ourTeamId: string | null,
): Promise<SideContext> {
  const rows = await sideContextRows(db, accountId);
  return { ourTeamId, teamSlackIds: new Set(rows.slackIds), accountDomain: rows.domain };
}
