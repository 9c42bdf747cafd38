/** One alert the replay raised: which rule, on which account and day, for whom. */
export interface ReplayedAlert {
  rule: string;
  account_id: string;
  owner: string | null;
  day: string;
}

export interface RuleEvidence {
  rule: string;
  label: string;
  /** Alerts raised (transitions) in the replay. */
  raised: number;
  /** Raised alerts per CSM per week of the replay (owned accounts only). */
  per_csm_week: number;
  /** Raised alerts whose outcome window has passed, and how many of those accounts churned or contracted in it. */
  judged: number;
  hits: number;
  /** hits / judged, or null when nothing could be judged yet. */
  precision: number | null;
  /** precision / base rate. */
  lift: number | null;
  /** People's verdicts on the live alerts of this rule in the range. */
  not_useful: number;
  live_raised: number;
  not_useful_rate: number | null;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * Per rule: how often it fires, how often what it warned of happened within the horizon, against
 * the base rate of all account-days, and how often people called it not useful. Pure.
 */
export function ruleEvidence(input: {
  rules: readonly { id: string; label: string }[];
  alerts: readonly ReplayedAlert[];
  /** Outcome of an alert's account after its day: true (churned or contracted), false, or null (window not over). */
  outcome: (a: ReplayedAlert) => boolean | null;
  base: { judged: number; hits: number };
  csmWeeks: number;
  notUseful: ReadonlyMap<string, { raised: number; not_useful: number }>;
}): { rules: RuleEvidence[]; base_rate: number | null } {
  const baseRate = input.base.judged > 0 ? input.base.hits / input.base.judged : null;
  const rules = input.rules.map(({ id, label }) => {
    const mine = input.alerts.filter((a) => a.rule === id);
    const outcomes = mine.map(input.outcome).filter((o): o is boolean => o !== null);
    const hits = outcomes.filter(Boolean).length;
    const precision = outcomes.length > 0 ? hits / outcomes.length : null;
    const verdicts = input.notUseful.get(id) ?? { raised: 0, not_useful: 0 };
    return {
      rule: id,
      label,
      raised: mine.length,
      per_csm_week: input.csmWeeks > 0 ? round(mine.filter((a) => a.owner).length / input.csmWeeks, 2) : 0,
      judged: outcomes.length,
      hits,
      precision: precision === null ? null : round(precision),
      lift: precision === null || !baseRate ? null : round(precision / baseRate, 2),
      not_useful: verdicts.not_useful,
      live_raised: verdicts.raised,
      not_useful_rate: verdicts.raised > 0 ? round(verdicts.not_useful / verdicts.raised) : null,
    };
  });
  return { rules, base_rate: baseRate === null ? null : round(baseRate) };
}
