import { addDays, endOfDay } from '../core/calendar.ts';
import { type AlertAccount, alertAccounts } from '../facts/alert-accounts.ts';
import { engagementByAccount } from '../facts/engagement.ts';
import { accountIdsActiveOn, snapshotHistory } from '../facts/health.ts';
import { riskData } from '../facts/risk.ts';
import { customerQuestions } from '../facts/signals.ts';
import { severeOpenTicketsOn } from '../facts/tickets.ts';
import { type AlertRuleId, alertLabel, alertRules } from '../knowledge/alert-rules.ts';
import { churnRiskConfig } from '../knowledge/churn-risk-config.ts';
import { USAGE_WINDOW_DAYS } from '../knowledge/usage-window.ts';
import {
  accountsWithOpenPlay,
  applyAlertTransitions,
  liveAlerts,
  liveAlertsOfFormerCustomers,
  moveAlertsToCurrentOwners,
} from '../records/alerts.ts';
import type { Db } from '../store/db.ts';
import {
  alertConditions,
  alertNeeds,
  checkAlertRules,
  onlyRules,
  ruleContext,
} from '../tools/alerts/alert-conditions.ts';
import { type AlertTransition, alertTransitions } from '../tools/alerts/alert-lifecycle.ts';
import type { AlertNeed } from '../tools/alerts/alert-rule.ts';
import type { AlertCondition, AlertInputs } from '../tools/alerts/alert-types.ts';
import type { AccountRiskData } from '../tools/risk/account-risk-data.ts';
import { inOnboarding, leadingIndicators } from '../tools/risk/leading-indicators.ts';

const BATCH = 2_000;
/** How far back the rules look in the stored snapshots (the tier-drop window). */
const HISTORY_DAYS = 35;

export interface AlertRunSummary {
  day: string;
  accounts: number;
  raised: number;
  updated: number;
  woken: number;
  resolved: number;
  muted: number;
  /** The alerts this run raised, updated, woke or resolved, in order. */
  changes: { alert_id: string; change: AlertTransition['kind'] }[];
  duration_ms: number;
}

/** The rules whose linked playbook is the save play: an open one mutes repeated at-risk alerts. */
const savePlayRules = (): AlertRuleId[] =>
  (Object.entries(alertRules().rules) as [AlertRuleId, { command: string }][])
    .filter(([, r]) => r.command === 'save_play')
    .map(([id]) => id);

/** What the enabled rules need beyond account and risk data, for one batch (empty where no rule needs it). */
interface NeededInputs {
  histories: Map<string, AlertInputs['history']>;
  engagedNow: Map<string, AlertInputs['engagement']['now']>;
  engagedBefore: Map<string, AlertInputs['engagement']['now']>;
  severe: Map<string, AlertInputs['severeTickets']>;
  unanswered: Map<string, AlertInputs['unanswered']>;
  /** The instant the rules judge. */
  at: string;
}

/** How far back a customer's unanswered question still counts. */
const UNANSWERED_LOOKBACK_DAYS = 14;

/** The customers' questions and escalations of the rule's window our team had not answered by `at` (every account: null). */
export async function unansweredQuestions(db: Db, accountIds: readonly string[] | null, at: string) {
  const from = new Date(Date.parse(at) - UNANSWERED_LOOKBACK_DAYS * 86_400_000).toISOString();
  return (await customerQuestions(db, accountIds, from, at)).filter((q) => q.replied_at === null);
}

/** The customers' questions and escalations our team had not answered by `at`, by account. */
async function unansweredBy(db: Db, batch: readonly string[], at: string) {
  const out = new Map<string, AlertInputs['unanswered']>();
  for (const r of await unansweredQuestions(db, batch, at))
    out.set(r.account_id, [
      ...(out.get(r.account_id) ?? []),
      { channel_id: r.channel_id, ts: r.ts, at: r.at, kind: r.kind, quote: r.quote },
    ]);
  return out;
}

/** Reads only the inputs some enabled rule declares it needs (tools/alerts/rules/). */
async function neededInputs(
  db: Db,
  day: string,
  batch: readonly string[],
  needs: ReadonlySet<AlertNeed>,
  at: string,
): Promise<NeededInputs> {
  const none = <T>() => Promise.resolve(new Map<string, T>());
  const [histories, engagedNow, engagedBefore, severe, unanswered] = await Promise.all([
    needs.has('snapshots')
      ? snapshotHistory(db, batch, addDays(day, -HISTORY_DAYS), day)
      : none<AlertInputs['history']>(),
    needs.has('engagement')
      ? engagementByAccount({ db }, day, { ids: batch })
      : none<AlertInputs['engagement']['now']>(),
    needs.has('engagement')
      ? engagementByAccount({ db }, addDays(day, -USAGE_WINDOW_DAYS), { ids: batch })
      : none<AlertInputs['engagement']['now']>(),
    needs.has('severe_tickets') ? severeOpenTicketsOn(db, batch, day) : none<AlertInputs['severeTickets']>(),
    needs.has('unanswered') ? unansweredBy(db, batch, at) : none<AlertInputs['unanswered']>(),
  ]);
  return { histories, engagedNow, engagedBefore, severe, unanswered, at };
}

/** The inputs of one account on one day, from what the store holds (pure assembly). */
export function alertInputs(
  day: string,
  account: AlertAccount,
  risk: AccountRiskData,
  savePlayOpen: boolean,
  needed: NeededInputs,
): AlertInputs {
  const config = churnRiskConfig();
  const id = account.account_id;
  const history = needed.histories.get(id) ?? [];
  const today = history.at(-1)?.as_of === day ? (history.at(-1) ?? null) : null;
  return {
    day,
    account: { id, name: account.name, csm: account.csm, arrCents: account.arr_cents },
    risk,
    indicators: leadingIndicators(risk, config),
    onboarding: inOnboarding(risk, config),
    snapshot: today,
    history: today ? history.slice(0, -1) : history,
    savePlayOpen,
    engagement: { now: needed.engagedNow.get(id) ?? null, before: needed.engagedBefore.get(id) ?? null },
    severeTickets: [...(needed.severe.get(id) ?? [])].sort((x, y) => x.opened_at.localeCompare(y.opened_at)),
    at: needed.at,
    unanswered: needed.unanswered.get(id) ?? [],
  };
}

/**
 * The conditions that hold on a day for a batch of accounts, read from the store in a handful of
 * set-based queries. `playRules` null: no save plays count as open (a replay, where no one acted).
 */
export async function batchConditions(
  db: Db,
  day: string,
  batch: readonly string[],
  playRules: readonly AlertRuleId[] | null,
  options: { now?: string; only?: readonly string[] } = {},
): Promise<{ accounts: AlertAccount[]; conditions: AlertCondition[]; muted: number }> {
  const rules = onlyRules(checkAlertRules(alertRules()), options.only);
  const context = ruleContext();
  // A past day is judged at its end; today at the run's time.
  const at = [options.now ?? endOfDay(day), endOfDay(day)].sort()[0] as string;
  const [accounts, risks, plays, needed] = await Promise.all([
    alertAccounts(db, batch, day),
    riskData(db, day, batch),
    playRules ? accountsWithOpenPlay(db, batch, playRules) : Promise.resolve(new Set<string>()),
    neededInputs(db, day, batch, alertNeeds(rules), at),
  ]);
  const riskOf = new Map(risks.map((r) => [r.accountId, r]));
  let muted = 0;
  const conditions = accounts.flatMap((a) => {
    const risk = riskOf.get(a.account_id);
    if (!risk) return [];
    const inputs = alertInputs(day, a, risk, plays.has(a.account_id), needed);
    const result = alertConditions(inputs, rules, context);
    muted += result.muted;
    return result.conditions;
  });
  return { accounts, conditions, muted };
}

/**
 * One day's alert evaluation: every account that was a customer that day, in batches (set-based
 * reads, one transaction of writes per batch), then the alerts of accounts that left resolved.
 * Idempotent: run twice on one day, the second run finds every alert already in its state.
 */
export async function evaluateAlerts(
  db: Db,
  day: string,
  now: string,
  onProgress?: (done: number, total: number) => void,
): Promise<AlertRunSummary> {
  const started = performance.now();
  const labelOf = alertLabel;
  const playRules = savePlayRules();
  // Whatever changed whose book an account is in since the last run, its alerts follow it first.
  await db.transaction((tx) => moveAlertsToCurrentOwners(tx, null, now, 'daily alert run'));
  const ids = await accountIdsActiveOn(db, day);
  const changes: AlertRunSummary['changes'] = [];
  let muted = 0;
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = ids.slice(i, i + BATCH);
    const [{ accounts, conditions, muted: batchMuted }, live] = await Promise.all([
      batchConditions(db, day, batch, playRules, { now }),
      liveAlerts(db, batch),
    ]);
    muted += batchMuted;
    const ownerOf = new Map(accounts.map((a) => [a.account_id, a.owner ?? a.csm]));
    changes.push(
      ...(await applyAlertTransitions(
        db,
        day,
        now,
        alertTransitions(day, conditions, live, labelOf),
        (id) => ownerOf.get(id) ?? null,
      )),
    );
    onProgress?.(Math.min(i + BATCH, ids.length), ids.length);
  }
  const gone = await liveAlertsOfFormerCustomers(db, day);
  changes.push(
    ...(await applyAlertTransitions(
      db,
      day,
      now,
      gone.map((alert) => ({
        kind: 'resolve' as const,
        alert,
        why: `the account is no longer a customer${alert.churned_at ? ` (churned ${alert.churned_at})` : ''}: its alerts are muted`,
      })),
      () => null,
    )),
  );
  const count = (kind: AlertTransition['kind']) => changes.filter((c) => c.change === kind).length;
  return {
    day,
    accounts: ids.length,
    raised: count('raise'),
    updated: count('update'),
    woken: count('wake'),
    resolved: count('resolve'),
    muted,
    changes,
    duration_ms: Math.round(performance.now() - started),
  };
}

/** The rule that holds our team to its response SLA in customer channels. */
const RESPONSE_RULES = ['customer_unanswered'];

/**
 * The response-SLA rule alone, for some accounts, at an instant: a question that passed its SLA
 * raises its alert within a scheduler pass, and our team's reply resolves it as soon as it is
 * stored. The other rules wait for the daily run.
 */
export async function checkResponseSla(
  db: Db,
  accountIds: readonly string[],
  day: string,
  now: string,
): Promise<AlertRunSummary['changes']> {
  if (!alertRules().rules.customer_unanswered?.enabled || accountIds.length === 0) return [];
  const changes: AlertRunSummary['changes'] = [];
  for (let i = 0; i < accountIds.length; i += BATCH) {
    const batch = accountIds.slice(i, i + BATCH);
    const [{ accounts, conditions }, live] = await Promise.all([
      batchConditions(db, day, batch, savePlayRules(), { now, only: RESPONSE_RULES }),
      liveAlerts(db, batch),
    ]);
    const ownerOf = new Map(accounts.map((a) => [a.account_id, a.owner ?? a.csm]));
    const transitions = alertTransitions(
      day,
      conditions,
      live.filter((a) => RESPONSE_RULES.includes(a.rule)),
      alertLabel,
    );
    changes.push(
      ...(await applyAlertTransitions(db, day, now, transitions, (id) => ownerOf.get(id) ?? null)),
    );
  }
  return changes;
}
