import { addDays } from '../core/calendar.ts';
import { outcomesAfter, snapshotDays } from '../facts/alert-accounts.ts';
import { accountIdsActiveOn } from '../facts/health.ts';
import { type AlertRuleId, alertDelivery, alertLabel, alertRules } from '../knowledge/alert-rules.ts';
import { notUsefulByRule } from '../records/alerts.ts';
import type { Db } from '../store/db.ts';
import { type ReplayedAlert, type RuleEvidence, ruleEvidence } from '../tools/alerts/alert-backtest.ts';
import { type PendingAlert, planDelivery, weekOf } from '../tools/alerts/alert-budget.ts';
import { alertTransitions, identityOf, type LiveAlert } from '../tools/alerts/alert-lifecycle.ts';
import { weeklyBudget } from './alert-delivery.ts';
import { batchConditions } from './evaluate-alerts.ts';

const BATCH = 2_000;

export interface AlertBacktest {
  from: string;
  to: string;
  days: string[];
  horizon_days: number;
  contraction_share: number;
  base: { judged: number; hits: number; rate: number | null };
  rules: RuleEvidence[];
  /** The DM budget in the replay: the most DMs any CSM got in a week (critical ones apart), and the cap. */
  budget: {
    weekly_cap: number;
    max_non_critical_dms_in_a_week: number;
    csm_weeks: number;
    held_for_digest: number;
  };
  definition: string;
}

/** What the replay carries from day to day: the live alerts, what was raised, and the DM budget spent. */
interface ReplayState {
  live: Map<string, LiveAlert>;
  raised: ReplayedAlert[];
  seq: number;
  /** DMs per 'owner week': all of them (what the live budget counts), and those not critical. */
  dmsPerWeek: Map<string, number>;
  nonCritical: Map<string, number>;
  held: number;
}

/** One batch's conditions against the live alerts: resolves, updates and raises, in memory. */
function applyConditions(
  state: ReplayState,
  day: string,
  batch: readonly string[],
  found: Awaited<ReturnType<typeof batchConditions>>,
  pending: PendingAlert[],
): void {
  const inBatch = new Set(batch);
  const ownerOf = new Map(found.accounts.map((a) => [a.account_id, a.owner ?? a.csm]));
  const current = [...state.live.values()].filter((a) => inBatch.has(a.account_id));
  for (const t of alertTransitions(day, found.conditions, current, alertLabel)) {
    if (t.kind === 'resolve') state.live.delete(identityOf(t.alert));
    else if (t.kind === 'update')
      state.live.set(identityOf(t.alert), {
        ...t.alert,
        reason: t.condition.reason,
        severity: t.condition.severity,
        inputs_key: t.condition.inputs_key,
      });
    else if (t.kind === 'raise') {
      const c = t.condition;
      const alert: LiveAlert = {
        alert_id: `R-${++state.seq}`,
        account_id: c.account_id,
        rule: c.rule,
        reason_key: c.reason_key,
        state: 'new',
        severity: c.severity,
        reason: c.reason,
        inputs_key: c.inputs_key,
        snoozed_until: null,
        snooze_inputs: null,
      };
      state.live.set(identityOf(alert), alert);
      const owner = ownerOf.get(c.account_id) ?? null;
      state.raised.push({ rule: c.rule, account_id: c.account_id, owner, day });
      pending.push({ alert_id: alert.alert_id, account_id: c.account_id, owner, severity: c.severity });
    }
  }
}

/** The day's DMs under the weekly budget, as the live delivery plans them; the rest held for the digest. */
function spendBudget(state: ReplayState, day: string, pending: readonly PendingAlert[]): void {
  const week = weekOf(day);
  const spent = new Map(
    [...state.dmsPerWeek]
      .filter(([key]) => key.endsWith(` ${week}`))
      .map(([key, n]) => [key.split(' ')[0] as string, n]),
  );
  const plan = planDelivery(pending, spent, weeklyBudget, alertDelivery().always_dm);
  state.held += plan.digest.length;
  for (const dm of plan.dms) {
    const key = `${dm.owner} ${week}`;
    state.dmsPerWeek.set(key, (state.dmsPerWeek.get(key) ?? 0) + 1);
    if (!alertDelivery().always_dm.includes(dm.severity))
      state.nonCritical.set(key, (state.nonCritical.get(key) ?? 0) + 1);
  }
}

/**
 * Replays the stored snapshots day by day (`cse alerts backtest`): the same rules and lifecycle as
 * the live run, in memory (nothing is written), with no save plays open; then, per rule, how many
 * alerted accounts churned or contracted within the horizon against the base rate of every
 * account-day, and the live "Not useful" verdicts. Only days whose horizon ended by `today` are judged.
 */
export async function replayAlerts(
  db: Db,
  range: { from: string; to: string; today: string },
  onDay?: (day: string, done: number, total: number) => void,
): Promise<AlertBacktest> {
  const { horizon_days, contraction_share } = alertDelivery().backtest;
  const days = await snapshotDays(db, range.from, range.to);
  const state: ReplayState = {
    live: new Map(),
    raised: [],
    seq: 0,
    dmsPerWeek: new Map(),
    nonCritical: new Map(),
    held: 0,
  };
  const base = { judged: 0, hits: 0 };
  const judgedOutcomes = new Map<string, Map<string, 'churned' | 'contracted'>>();
  for (const [k, day] of days.entries()) {
    const ids = await accountIdsActiveOn(db, day);
    if (addDays(day, horizon_days) <= range.today) {
      const outcomes = await outcomesAfter(db, ids, day, horizon_days, contraction_share);
      judgedOutcomes.set(day, outcomes);
      base.judged += ids.length;
      base.hits += outcomes.size;
    }
    const pending: PendingAlert[] = [];
    for (let i = 0; i < ids.length; i += BATCH) {
      const batch = ids.slice(i, i + BATCH);
      applyConditions(state, day, batch, await batchConditions(db, day, batch, null), pending);
    }
    // Accounts no longer customers: their alerts end.
    const active = new Set(ids);
    for (const [key, a] of state.live) if (!active.has(a.account_id)) state.live.delete(key);
    spendBudget(state, day, pending);
    onDay?.(day, k + 1, days.length);
  }
  const { raised, held, nonCritical } = state;
  const owners = new Set(raised.map((a) => a.owner).filter(Boolean));
  const weeks = new Set(days.map(weekOf)).size;
  const rules = alertRules();
  const evidence = ruleEvidence({
    rules: (Object.keys(rules.rules) as AlertRuleId[]).map((id) => ({ id, label: alertLabel(id) })),
    alerts: raised,
    outcome: (a) => {
      const o = judgedOutcomes.get(a.day);
      return o ? o.has(a.account_id) : null;
    },
    base,
    csmWeeks: owners.size * weeks,
    notUseful: await notUsefulByRule(db, range.from, range.to),
  });
  return {
    from: range.from,
    to: range.to,
    days,
    horizon_days,
    contraction_share,
    base: { ...base, rate: evidence.base_rate },
    rules: evidence.rules,
    budget: {
      weekly_cap: alertDelivery().weekly_dm_budget.default,
      max_non_critical_dms_in_a_week: Math.max(0, ...nonCritical.values()),
      csm_weeks: owners.size * weeks,
      held_for_digest: held,
    },
    definition: `Replay of the stored snapshots with the live rules and lifecycle (rules ${rules.version}). An alert "hit" when its account churned, or its month-end MRR fell by more than ${Math.round(contraction_share * 100)}%, within ${horizon_days} days of the day it was raised; precision = hits / judged alerts; lift = precision / the same rate over every account-day; "not useful" counts people's verdicts on live alerts raised in the range.`,
  };
}
