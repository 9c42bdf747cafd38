import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../core/random.ts';
import { backtestSettings } from '../../knowledge/backtest-settings.ts';
import { accountFacts, renewalOnOrAfter } from '../../tools/backtest/account-facts.ts';
import { decileCalibration } from '../../tools/backtest/calibration.ts';
import { fitChurnModel } from '../../tools/backtest/churn-model.ts';
import { probabilityAnswer } from '../../tools/backtest/churn-probability.ts';
import type { BacktestObservation } from '../../tools/backtest/score-backtest.ts';

/**
 * A simulated book: 2,500 accounts over 12 monthly cutoffs. With `signal`, churn within the
 * horizon depends on size, tenure and product usage; without it, on nothing.
 */
function simulatedBook(seed: number, signal: boolean): BacktestObservation[] {
  const rng = new SeededRandom(seed);
  const accounts = Array.from({ length: 2500 }, (_, i) => ({
    id: `A${i}`,
    logArr: rng.between(3, 6),
    tenure0: Math.floor(rng.between(0, 48)),
    usage: rng.between(0, 10),
  }));
  const out: BacktestObservation[] = [];
  for (let m = 0; m < 12; m++) {
    const cutoff = `2025-${String(m + 1).padStart(2, '0')}-28`;
    for (const a of accounts) {
      const usage = Math.min(10, Math.max(0, a.usage + rng.between(-1, 1)));
      const tenure = a.tenure0 + m;
      const logit = signal ? -2.6 - 0.9 * (a.logArr - 4.5) - 0.05 * (tenure - 24) - 0.25 * (usage - 5) : -2.6;
      const churned = rng.next() < 1 / (1 + Math.exp(-logit));
      const score = Math.round(Math.min(100, Math.max(0, 50 + 4 * (usage - 5) + rng.between(-15, 15))));
      out.push({
        account_id: a.id,
        cutoff,
        score,
        tier: score >= 80 ? 'thriving' : score >= 60 ? 'healthy' : score >= 40 ? 'at-risk' : 'critical',
        churned,
        outcome: churned ? 'churned' : 'retained',
        mrr_cents: Math.round((10 ** a.logArr * 100) / 12),
        dimensions: { product_usage: usage, engagement: rng.between(0, 10) },
        inputs: { 'product_usage.dau_mau': usage },
        facts: {
          'account.log_arr': a.logArr,
          'account.tenure_months': tenure,
          'segment.smb': a.logArr < 4 ? 1 : 0,
        },
      });
    }
  }
  return out;
}

/** An independent logistic regression on the raw features by plain gradient descent, and its AUC by counting pairs. */
function independentAuc(observations: readonly BacktestObservation[], trainUpTo: string): number {
  const raw = (o: BacktestObservation) => [
    o.facts?.['account.log_arr'] as number,
    o.facts?.['account.tenure_months'] as number,
    o.dimensions.product_usage as number,
  ];
  const train = observations.filter((o) => o.cutoff <= trainUpTo);
  const test = observations.filter((o) => o.cutoff > trainUpTo);
  const cols = raw(train[0] as BacktestObservation).length;
  const mean = Array.from(
    { length: cols },
    (_, j) => train.reduce((s, o) => s + (raw(o)[j] as number), 0) / train.length,
  );
  const sd = mean.map((m, j) =>
    Math.sqrt(train.reduce((s, o) => s + ((raw(o)[j] as number) - m) ** 2, 0) / train.length),
  );
  const x = (o: BacktestObservation) => raw(o).map((v, j) => (v - (mean[j] as number)) / (sd[j] as number));
  let w = new Array(cols).fill(0) as number[];
  let b = 0;
  for (let step = 0; step < 300; step++) {
    const g = new Array(cols).fill(0) as number[];
    let gb = 0;
    for (const o of train) {
      const xi = x(o);
      const p = 1 / (1 + Math.exp(-(b + xi.reduce((s, v, j) => s + v * (w[j] as number), 0))));
      const e = p - (o.churned ? 1 : 0);
      gb += e;
      xi.forEach((v, j) => {
        g[j] = (g[j] as number) + e * v;
      });
    }
    w = w.map((wj, j) => wj - (0.5 * (g[j] as number)) / train.length);
    b -= (0.5 * gb) / train.length;
  }
  const risk = test.map((o) => ({
    r: b + x(o).reduce((s, v, j) => s + v * (w[j] as number), 0),
    y: o.churned,
  }));
  const pos = risk.filter((r) => r.y);
  const neg = risk.filter((r) => !r.y);
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p.r > n.r ? 1 : p.r === n.r ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

const options = () => {
  const s = backtestSettings().churn_model;
  return { lambda: s.lambda, trainShare: s.train_share, bins: s.reliability_bins };
};

describe('the churn model on every point-in-time fact', () => {
  it('where churn depends on size, tenure and usage, is within 0.03 of an independent logistic regression out of time, and beats the health inputs alone', () => {
    const book = simulatedBook(7, true);
    const fit = fitChurnModel(book, options());
    if (!fit) throw new Error('no fit');
    const trainUpTo = fit.train.cutoffs.at(-1) as string;
    const independent = independentAuc(book, trainUpTo);
    const learned = fit.validation.learned.auc as number;
    expect(independent).toBeGreaterThan(0.7);
    expect(Math.abs(learned - independent)).toBeLessThanOrEqual(0.03);
    expect(fit.validation.beats_base_rate).toBe(true);
    expect(fit.model.features).toEqual(expect.arrayContaining(['account.log_arr', 'account.tenure_months']));
    const healthOnly = fitChurnModel(
      book.map(({ facts: _facts, ...o }) => o),
      options(),
    );
    expect((healthOnly?.validation.learned.auc as number) + 0.05).toBeLessThan(learned);
  });

  it('where churn depends on nothing, is refused: churn_risk shows no probability and says why', () => {
    const fit = fitChurnModel(simulatedBook(11, false), options());
    if (!fit) throw new Error('no fit');
    expect(fit.validation.beats_base_rate).toBe(false);
    const answer = probabilityAnswer(
      { model_id: 'M1', horizon_days: 90, model: fit.model, validation: fit.validation },
      { dimensions: { product_usage: 5 }, inputs: {}, facts: { 'account.log_arr': 4 } },
      backtestSettings().churn_model.show_probability,
    );
    expect(answer.shown).toBe(false);
    if (!answer.shown)
      expect(answer.reason).toMatch(
        /no better than the base rate \(AUC 0\.\d\d, 95 % interval from 0\.\d\d\), so it is not used/,
      );
  });
});

describe('the account facts as of a cutoff', () => {
  it('reads size, its change, tenure, seats, renewal and term as they were that day', () => {
    const facts = accountFacts(
      {
        segment: 'enterprise',
        contractTerm: 'annual',
        contractStart: '2023-03-15',
        renewalDate: '2027-03-15',
        seatsPurchased: 99,
      },
      { mrrCents: 1_000_000, mrrCents90DaysBefore: 800_000, seatsActive: 66 },
      '2025-12-31',
    );
    expect(facts).toEqual({
      'account.log_arr': Math.log10(1 + 120_000),
      'account.mrr_change_90d': 0.25,
      'account.tenure_months': 33,
      'account.log_seats': 2,
      'account.seat_use': 66 / 99,
      'account.years_to_renewal': 74 / 365,
      'term.monthly': 0,
      'term.multi_year': 0,
      'segment.enterprise': 1,
      'segment.mid-market': 0,
      'segment.smb': 0,
      'segment.self-serve': 0,
    });
  });

  it('takes the renewal on or after the day from the stored one, a leap day falling back to the 28th', () => {
    expect(renewalOnOrAfter('2027-03-15', '2025-12-31')).toBe('2026-03-15');
    expect(renewalOnOrAfter('2027-03-15', '2026-03-15')).toBe('2026-03-15');
    expect(renewalOnOrAfter('2027-03-15', '2026-03-16')).toBe('2027-03-15');
    expect(renewalOnOrAfter('2028-02-29', '2026-01-10')).toBe('2026-02-28');
  });

  it('leaves out what did not exist yet: no tenure before the contract started, no change without revenue', () => {
    const facts = accountFacts(
      {
        segment: null,
        contractTerm: 'monthly',
        contractStart: '2026-01-01',
        renewalDate: '2026-02-01',
        seatsPurchased: null,
      },
      { mrrCents: 0, mrrCents90DaysBefore: 0, seatsActive: 3 },
      '2025-12-31',
    );
    expect(facts['account.tenure_months']).toBeNull();
    expect(facts['account.mrr_change_90d']).toBeNull();
    expect(facts['account.years_to_renewal']).toBeNull();
    expect(facts['account.seat_use']).toBeNull();
    expect(facts['term.monthly']).toBe(1);
  });
});

describe('calibration by deciles', () => {
  it('puts a calibrated model inside the observed intervals and an over-sure one outside', () => {
    const rng = new SeededRandom(5);
    const calibrated = Array.from({ length: 5000 }, () => {
      const probability = rng.between(0, 0.4);
      return { probability, churned: rng.next() < probability };
    });
    const deciles = decileCalibration(calibrated);
    expect(deciles).toHaveLength(10);
    expect(deciles.map((d) => d.observations)).toEqual(new Array(10).fill(500));
    expect(deciles.filter((d) => d.inside).length).toBeGreaterThanOrEqual(8);
    const overSure = calibrated.map((o) => ({ ...o, probability: o.probability > 0.2 ? 0.9 : 0.001 }));
    expect(decileCalibration(overSure).filter((d) => d.inside).length).toBe(0);
  });
});
