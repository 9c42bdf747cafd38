import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../core/random.ts';
import { backtestSettings } from '../../knowledge/backtest-settings.ts';
import { calibrationError, fitChurnModel } from '../../tools/backtest/churn-model.ts';
import { churnOutcome, type OutcomeFacts } from '../../tools/backtest/churn-outcome.ts';
import { probabilityAnswer, type ValidatedModel } from '../../tools/backtest/churn-probability.ts';
import { disagreementReport, weakestDimension } from '../../tools/backtest/disagreement-report.ts';
import { columnScales, fitLogistic, predictLogistic } from '../../tools/backtest/logistic-regression.ts';
import {
  type BacktestObservation,
  scoreBacktest,
  tierProbabilities,
} from '../../tools/backtest/score-backtest.ts';

const logit = (p: number) => Math.log(p / (1 - p));

describe('logistic regression', () => {
  it('finds the known maximum-likelihood solution of a 2×2 table: intercept logit(p0), coefficient the log odds ratio', () => {
    // x = 0: 30 of 100 churned; x = 1: 60 of 80 churned.
    const rows: number[][] = [];
    const y: boolean[] = [];
    const add = (x: number, n: number, k: number) => {
      for (let i = 0; i < n; i++) {
        rows.push([x]);
        y.push(i < k);
      }
    };
    add(0, 100, 30);
    add(1, 80, 60);
    const fit = fitLogistic(rows, y, { lambda: 0 });
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(logit(0.3), 8);
    expect(fit.coefficients[0]).toBeCloseTo(logit(0.75) - logit(0.3), 8);
    expect(predictLogistic(fit, [1])).toBeCloseTo(0.75, 8);
  });

  it('with two features sets the gradient of the log-likelihood to zero, and the L2 penalty shrinks the coefficients', () => {
    const rng = new SeededRandom(3);
    const rows = Array.from({ length: 400 }, () => [rng.between(-2, 2), rng.between(-2, 2)]);
    const y = rows.map(
      ([a, b]) => rng.next() < 1 / (1 + Math.exp(-(0.5 + 1.5 * (a as number) - (b as number)))),
    );
    const fit = fitLogistic(rows, y, { lambda: 0 });
    const gradient = [0, 0, 0];
    rows.forEach((r, i) => {
      const residual = (y[i] ? 1 : 0) - predictLogistic(fit, r);
      gradient[0] = (gradient[0] as number) + residual;
      gradient[1] = (gradient[1] as number) + residual * (r[0] as number);
      gradient[2] = (gradient[2] as number) + residual * (r[1] as number);
    });
    for (const g of gradient) expect(Math.abs(g)).toBeLessThan(1e-6);
    expect(fit.coefficients[0]).toBeGreaterThan(1);
    expect(fit.coefficients[1]).toBeLessThan(-0.5);
    const shrunk = fitLogistic(rows, y, { lambda: 200 });
    expect(Math.abs(shrunk.coefficients[0] as number)).toBeLessThan(Math.abs(fit.coefficients[0] as number));
    expect(Math.abs(shrunk.coefficients[1] as number)).toBeLessThan(Math.abs(fit.coefficients[1] as number));
  });

  it('standardises columns, with 1 as the scale of a constant column', () => {
    expect(
      columnScales([
        [1, 5],
        [3, 5],
      ]),
    ).toEqual({ means: [2, 5], scales: [1, 1] });
    expect(
      columnScales([
        [0, 5],
        [4, 5],
      ]).scales,
    ).toEqual([2, 1]);
  });
});

describe('churn outcome', () => {
  const rule = { horizonDays: 90, contractionShare: 0.1, dataEnd: '2026-12-01', lastRevenueMonth: '2026-11' };
  const facts = (churnedAt: string | null, mrr: Record<string, number>): OutcomeFacts => ({
    churnedAt,
    mrrByMonth: new Map(Object.entries(mrr)),
  });

  it('judges churn by the churn date inside the horizon, contraction beyond the share, and retention', () => {
    const base = { '2026-05': 1000, '2026-06': 1000, '2026-07': 1000, '2026-08': 1000, '2026-09': 1000 };
    expect(churnOutcome(facts('2026-08-31', base), '2026-06-15', rule)).toEqual({
      kind: 'churned',
      on: '2026-08-31',
    });
    // Churned after the horizon: retained within it.
    expect(churnOutcome(facts('2026-09-30', base), '2026-06-15', rule).kind).toBe('retained');
    expect(churnOutcome(facts(null, { ...base, '2026-07': 850 }), '2026-06-15', rule)).toEqual({
      kind: 'contracted',
      month: '2026-07',
      fromCents: 1000,
      toCents: 850,
    });
    // Exactly 10 % down is not more than the share.
    expect(churnOutcome(facts(null, { ...base, '2026-07': 900 }), '2026-06-15', rule).kind).toBe('retained');
    // MRR at zero at a month-end the data covers: a churn (and later came back).
    expect(churnOutcome(facts(null, { ...base, '2026-08': 0 }), '2026-06-15', rule)).toEqual({
      kind: 'churned',
      on: '2026-08-31',
    });
  });

  it('leaves a cutoff whose horizon has not ended pending, and reads only months the revenue covers', () => {
    expect(churnOutcome(facts(null, {}), '2026-10-01', rule).kind).toBe('pending');
    const short = { ...rule, lastRevenueMonth: '2026-06' };
    expect(churnOutcome(facts(null, { '2026-05': 1000, '2026-06': 1000 }), '2026-06-15', short).kind).toBe(
      'retained',
    );
  });
});

const observation = (
  o: Partial<BacktestObservation> & { score: number | null; churned: boolean },
): BacktestObservation => ({
  account_id: 'A',
  cutoff: '2026-01-31',
  tier: o.score === null ? 'unscored' : o.score >= 60 ? 'healthy' : 'at-risk',
  outcome: o.churned ? 'churned' : 'retained',
  mrr_cents: 100,
  dimensions: {},
  inputs: {},
  ...o,
});

describe('score backtest', () => {
  it('implies each tier the churn rate it had at the other cutoffs', () => {
    const obs = [
      observation({ cutoff: '2026-01-31', score: 50, churned: true }),
      observation({ cutoff: '2026-01-31', score: 50, churned: false }),
      observation({ cutoff: '2026-02-28', score: 50, churned: true }),
      observation({ cutoff: '2026-03-31', score: 50, churned: false }),
      observation({ cutoff: '2026-03-31', score: 70, churned: false }),
    ];
    // Jan's at-risk rows read Feb + Mar (1 of 2); Feb's read Jan + Mar (1 of 3); the lone healthy row has no other cutoff.
    expect(tierProbabilities(obs)).toEqual([0.5, 0.5, 1 / 3, 2 / 3, null]);
  });

  it('counts unscored observations in their own tier and in nothing that ranks by score', () => {
    const rng = new SeededRandom(1);
    const report = scoreBacktest(
      [
        observation({ score: 30, churned: true }),
        observation({ score: 80, churned: false }),
        observation({ score: null, churned: true }),
      ],
      { random: () => rng.next(), bootstrapSamples: 200 },
    );
    expect(report.scored).toBe(2);
    expect(report.auc.value).toBe(1);
    expect(report.tiers.find((t) => t.tier === 'unscored')).toMatchObject({ observations: 1, churned: 1 });
    expect(report.deciles.reduce((s, d) => s + d.observations, 0)).toBe(2);
  });
});

describe('churn model and its probability', () => {
  const gate = backtestSettings().churn_model.show_probability;
  const stored = (validation: Partial<ValidatedModel['validation']>): ValidatedModel => ({
    model_id: 'CM-0001',
    horizon_days: 90,
    model: {
      features: ['product_usage'],
      means: [5],
      scales: [2],
      intercept: -2,
      coefficients: [-1],
      lambda: 1,
    },
    validation: {
      cutoffs: ['2026-05-31', '2026-06-30'],
      observations: 400,
      churned: 40,
      calibration_error: 0.02,
      reliability: [
        { from: 0, to: 0.1, observations: 300, predicted: 0.05, observed: 0.06 },
        { from: 0.1, to: 0.2, observations: 12, predicted: 0.14, observed: 0.25 },
      ],
      ...validation,
    },
  });
  const healthy = { dimensions: { product_usage: 9 }, inputs: {} };
  const weak = { dimensions: { product_usage: 4.5 }, inputs: {} };

  it('shows the probability with the validation bin it falls in', () => {
    const answer = probabilityAnswer(stored({}), healthy, gate);
    expect(answer).toMatchObject({
      shown: true,
      model_id: 'CM-0001',
      evidence: { observations: 300, churned: 18 },
    });
    if (answer.shown) expect(answer.probability).toBeCloseTo(1 / (1 + Math.exp(4)), 10);
  });

  it('withholds it, saying why: no model, no score, small or badly calibrated validation, a thin bin', () => {
    const reasons = [
      probabilityAnswer(null, healthy, gate),
      probabilityAnswer(stored({}), null, gate),
      probabilityAnswer(stored({ observations: 150 }), healthy, gate),
      probabilityAnswer(stored({ churned: 5 }), healthy, gate),
      probabilityAnswer(stored({ calibration_error: 0.09 }), healthy, gate),
      probabilityAnswer(stored({}), weak, gate),
      probabilityAnswer(
        stored({ reliability: [{ from: 0, to: 0.1, observations: 300, predicted: 0.05, observed: 0.2 }] }),
        healthy,
        gate,
      ),
    ].map((a) => (a.shown ? 'shown' : a.reason));
    expect(reasons).toEqual([
      'no churn model has been fitted yet (cse model fit, after a back-fill of snapshots)',
      'the account has no health score (not enough data), so the model has nothing to read',
      'the model was validated on 150 account-months; 200 are needed before a probability is shown',
      'only 5 accounts were lost in the validation period; 20 are needed',
      "the model's calibration error in validation is 9.0 points, above the 5.0 allowed",
      'only 12 validation account-months had a probability near this one; 30 are needed',
      'near this probability the model predicted 5 % in validation but 60 of 300 account-months were lost, outside what chance explains',
    ]);
  });

  it('fits on the earlier cutoffs and validates on the later ones only', () => {
    const rng = new SeededRandom(11);
    const obs: BacktestObservation[] = [];
    for (const cutoff of ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31']) {
      for (let i = 0; i < 80; i++) {
        const usage = rng.between(0, 10);
        obs.push(
          observation({
            account_id: `A${i}`,
            cutoff,
            score: Math.round(usage * 10),
            churned: rng.next() < 1 / (1 + Math.exp(usage - 4)),
            dimensions: { product_usage: usage },
          }),
        );
      }
    }
    const fit = fitChurnModel(obs, { lambda: 1, trainShare: 0.6, bins: 10 });
    expect(fit?.train.cutoffs).toEqual(['2026-01-31', '2026-02-28', '2026-03-31']);
    expect(fit?.validation.cutoffs).toEqual(['2026-04-30', '2026-05-31']);
    expect(fit?.validation.observations).toBe(160);
    // The learned signal has the right sign: more usage, less churn.
    expect(fit?.weights.find((w) => w.feature === 'product_usage')?.coefficient).toBeLessThan(0);
    expect(
      calibrationError([{ from: 0, to: 0.5, observations: 10, predicted: 0.2, observed: 0.3 }]),
    ).toBeCloseTo(0.1, 10);
  });
});

describe('disagreement report', () => {
  it('says per reason how many accounts and what happened next, by CSM, segment and weakest dimension', () => {
    const rows = [
      {
        account_id: 'A',
        actor: 'priya',
        segment: 'smb',
        reason: 'score_too_low',
        weakest_dimension: 'engagement',
        outcome: 'churned' as const,
      },
      {
        account_id: 'A',
        actor: 'priya',
        segment: 'smb',
        reason: 'score_too_low',
        weakest_dimension: 'engagement',
        outcome: 'churned' as const,
      },
      {
        account_id: 'B',
        actor: 'victor',
        segment: 'enterprise',
        reason: 'score_too_low',
        weakest_dimension: 'outcomes',
        outcome: 'retained' as const,
      },
      {
        account_id: 'C',
        actor: 'victor',
        segment: 'enterprise',
        reason: 'score_too_low',
        weakest_dimension: null,
        outcome: 'pending' as const,
      },
      {
        account_id: 'D',
        actor: 'victor',
        segment: null,
        reason: 'data_stale',
        weakest_dimension: 'financial',
        outcome: 'contracted' as const,
      },
    ];
    expect(disagreementReport(rows)).toEqual([
      {
        reason: 'data_stale',
        disagreements: 1,
        accounts: 1,
        lost: 1,
        retained: 0,
        pending: 0,
        lost_rate: 1,
        by_csm: { victor: 1 },
        by_segment: { 'no segment': 1 },
        by_weakest_dimension: { financial: 1 },
      },
      {
        reason: 'score_too_low',
        disagreements: 4,
        accounts: 3,
        lost: 1,
        retained: 1,
        pending: 1,
        lost_rate: 0.5,
        by_csm: { priya: 2, victor: 2 },
        by_segment: { enterprise: 2, smb: 2 },
        by_weakest_dimension: { engagement: 2, 'no snapshot': 1, outcomes: 1 },
      },
    ]);
    expect(
      weakestDimension({ product_usage: { score: 6 }, engagement: { score: 2 }, outcomes: { score: null } }),
    ).toBe('engagement');
  });
});
