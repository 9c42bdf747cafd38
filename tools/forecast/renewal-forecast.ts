import { type RenewedArr, renewedArr } from './renewal-distribution.ts';

/**
 * The renewal forecast of a period, from each renewal's probability: the sales-style groups
 * (commit, best case, at risk), the distribution of renewed ARR, and the renewals whose save would
 * move the median most. Pure.
 */
export interface DueRenewal {
  accountId: string;
  name: string;
  arrCents: number;
  renewalDate: string;
  /** Probability it renews, 0–1. */
  probability: number;
  /** Why, most telling first ("engagement: login trend low"). */
  reasons: string[];
}

export type ForecastGroupName = 'commit' | 'best_case' | 'at_risk';

export interface ForecastGroup {
  group: ForecastGroupName;
  accounts: number;
  arrCents: number;
  /** The ARR expected to renew in the group (Σ ARR × probability). */
  expectedCents: number;
}

export interface RenewalMove {
  accountId: string;
  name: string;
  arrCents: number;
  probability: number;
  /** How much P50 rises if this renewal is saved (renews for sure). */
  p50GainCents: number;
}

export interface RenewalForecast extends RenewedArr {
  groups: ForecastGroup[];
  moves: RenewalMove[];
}

/** Commit from this probability up; at risk below `atRiskBelow`; best case between. */
export const GROUP_BOUNDS = { commitFrom: 0.8, atRiskBelow: 0.5 } as const;

export function forecastGroup(probability: number): ForecastGroupName {
  if (probability >= GROUP_BOUNDS.commitFrom) return 'commit';
  return probability < GROUP_BOUNDS.atRiskBelow ? 'at_risk' : 'best_case';
}

function groups(renewals: readonly DueRenewal[]): ForecastGroup[] {
  return (['commit', 'best_case', 'at_risk'] as const).map((group) => {
    const members = renewals.filter((r) => forecastGroup(r.probability) === group);
    return {
      group,
      accounts: members.length,
      arrCents: members.reduce((s, r) => s + r.arrCents, 0),
      expectedCents: Math.round(members.reduce((s, r) => s + r.arrCents * r.probability, 0)),
    };
  });
}

/** How many candidates (most ARR at stake first) are tried for the moves. */
const MOVE_CANDIDATES = 10;

/**
 * The renewals whose save moves P50 most: the candidates with the most ARR at stake ((1 − p) ×
 * ARR), each made certain in turn and the median read again on a coarser grid; the five largest
 * gains above nothing, ties by ARR.
 */
/** The grid the moves are read on: coarser than the forecast's, the same for the base and each save. */
const MOVE_CELLS = 2_000;

function moves(renewals: readonly DueRenewal[]): RenewalMove[] {
  const base = renewedArr(renewals, MOVE_CELLS).p50Cents;
  const candidates = [...renewals]
    .filter((r) => r.probability < 1)
    .sort(
      (a, b) =>
        (1 - b.probability) * b.arrCents - (1 - a.probability) * a.arrCents ||
        a.accountId.localeCompare(b.accountId),
    )
    .slice(0, MOVE_CANDIDATES);
  return candidates
    .map((c) => ({
      accountId: c.accountId,
      name: c.name,
      arrCents: c.arrCents,
      probability: c.probability,
      p50GainCents: Math.max(
        0,
        renewedArr(
          renewals.map((r) => (r === c ? { ...r, probability: 1 } : r)),
          MOVE_CELLS,
        ).p50Cents - base,
      ),
    }))
    .sort(
      (a, b) =>
        b.p50GainCents - a.p50GainCents || b.arrCents - a.arrCents || a.accountId.localeCompare(b.accountId),
    )
    .slice(0, 5);
}

export function renewalForecast(renewals: readonly DueRenewal[]): RenewalForecast {
  const distribution = renewedArr(renewals);
  return { ...distribution, groups: groups(renewals), moves: moves(renewals) };
}
