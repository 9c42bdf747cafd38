/**
 * The product's churn learner on public data (../shared/datasets/churn):
 * - IBM Telco: the same L2 logistic regression `cse model fit` uses (tools/backtest), through the
 *   feature mapping declared below, fitted on a stratified 80 % and measured once on the held-out
 *   20 %: AUC, Brier, reliability bins and expected calibration error. The regularisation is the
 *   product default (knowledge/health/backtest.json); nothing is tuned on the held-out rows.
 * - RavenStack: its data problems, counted, instead of an AUC.
 * Usage: npm run eval:churn (needs ../shared/datasets).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { packagePath } from '../core/package-root.ts';
import { SeededRandom } from '../core/random.ts';
import { backtestSettings } from '../knowledge/backtest-settings.ts';
import { brierScore, reliabilityBins } from '../tools/backtest/calibration.ts';
import { calibrationError } from '../tools/backtest/churn-model.ts';
import { auc } from '../tools/backtest/discrimination.ts';
import { columnScales, fitLogistic, predictLogistic } from '../tools/backtest/logistic-regression.ts';

const DATA = packagePath('..', 'shared', 'datasets', 'churn');
if (!existsSync(DATA)) {
  console.error(`No datasets at ${DATA}: this evaluation needs the shared datasets folder.`);
  process.exit(2);
}
const read = (path: string) =>
  parse(readFileSync(join(DATA, path)), { columns: true, relax_quotes: true }) as Record<string, string>[];

/** The declared Telco mapping: numeric columns as they are, every categorical as one-hot indicators. */
export const TELCO_FEATURES = {
  numeric: ['tenure', 'MonthlyCharges', 'TotalCharges', 'SeniorCitizen'],
  categorical: [
    'gender',
    'Partner',
    'Dependents',
    'PhoneService',
    'MultipleLines',
    'InternetService',
    'OnlineSecurity',
    'OnlineBackup',
    'DeviceProtection',
    'TechSupport',
    'StreamingTV',
    'StreamingMovies',
    'Contract',
    'PaperlessBilling',
    'PaymentMethod',
  ],
  outcome: { column: 'Churn', positive: 'Yes' },
} as const;

function telco(): void {
  const rows = read('telco/Telco-Customer-Churn.csv');
  const levels = TELCO_FEATURES.categorical.map((c) => [...new Set(rows.map((r) => r[c] ?? ''))].sort());
  // A blank TotalCharges (11 customers, all with tenure 0) has been charged nothing yet.
  const number = (v: string | undefined) => (v === undefined || v.trim() === '' ? 0 : Number(v));
  const x = rows.map((r) => [
    ...TELCO_FEATURES.numeric.map((c) => number(r[c])),
    ...TELCO_FEATURES.categorical.flatMap((c, k) => (levels[k] as string[]).map((l) => (r[c] === l ? 1 : 0))),
  ]);
  const y = rows.map((r) => r[TELCO_FEATURES.outcome.column] === TELCO_FEATURES.outcome.positive);

  // Stratified 80/20 split, seeded: the same rows every run.
  const rng = new SeededRandom(2024);
  const test = new Set<number>();
  for (const cls of [true, false]) {
    const idx = y.flatMap((v, i) => (v === cls ? [i] : []));
    for (let i = idx.length - 1; i > 0; i--) {
      const j = Math.floor(rng.next() * (i + 1));
      [idx[i], idx[j]] = [idx[j] as number, idx[i] as number];
    }
    for (const i of idx.slice(0, Math.round(idx.length * 0.2))) test.add(i);
  }
  const trainIdx = x.flatMap((_, i) => (test.has(i) ? [] : [i]));
  const testIdx = [...test].sort((a, b) => a - b);
  const { means, scales } = columnScales(trainIdx.map((i) => x[i] as number[]));
  const standard = (row: number[]) => row.map((v, j) => (v - (means[j] as number)) / (scales[j] as number));
  const lambda = backtestSettings().churn_model.lambda;
  const started = performance.now();
  const fit = fitLogistic(
    trainIdx.map((i) => standard(x[i] as number[])),
    trainIdx.map((i) => y[i] as boolean),
    { lambda },
  );
  const seconds = (performance.now() - started) / 1000;
  const predicted = testIdx.map((i) => ({
    probability: predictLogistic(fit, standard(x[i] as number[])),
    churned: y[i] as boolean,
  }));
  const bins = reliabilityBins(predicted, 10).filter((b) => b.observations > 0);
  const value = auc(predicted.map((p) => ({ risk: p.probability, churned: p.churned })));
  console.log(
    `Telco (${rows.length} customers, ${y.filter(Boolean).length} churned): L2 logistic regression, λ ${lambda}, ${x[0]?.length} features (${TELCO_FEATURES.numeric.length} numeric, ${TELCO_FEATURES.categorical.length} categorical one-hot); fitted on ${trainIdx.length} in ${seconds.toFixed(2)} s (${fit.iterations} Newton steps${fit.converged ? '' : ', not converged'}), measured once on the stratified held-out ${testIdx.length}:`,
  );
  console.log(
    `  AUC ${value?.toFixed(3)} (published: logistic regression 0.842, gradient boosting 0.846; target ≥ 0.84) · Brier ${brierScore(predicted)?.toFixed(4)} · expected calibration error ${((calibrationError(bins) ?? 0) * 100).toFixed(1)} points`,
  );
  console.log('  reliability (predicted → observed):');
  for (const b of bins)
    console.log(
      `    ${(b.from * 100).toFixed(0).padStart(3)}–${(b.to * 100).toFixed(0).padEnd(3)} % ${String(b.observations).padStart(5)} customers: predicted ${((b.predicted ?? 0) * 100).toFixed(1)} %, observed ${((b.observed ?? 0) * 100).toFixed(1)} %`,
    );
  if (value === null || value < 0.84) process.exitCode = 1;
}

/** RavenStack dates are DD-MM-YYYY. */
const iso = (d: string | undefined) =>
  d && /^\d{2}-\d{2}-\d{4}/.test(d) ? `${d.slice(6, 10)}-${d.slice(3, 5)}-${d.slice(0, 2)}` : null;

function ravenstack(): void {
  const accounts = read('ravenstack/ravenstack_accounts.csv');
  const subscriptions = read('ravenstack/ravenstack_subscriptions.csv');
  const usage = read('ravenstack/ravenstack_feature_usage.csv');
  const events = read('ravenstack/ravenstack_churn_events.csv');
  const start = new Map(subscriptions.map((s) => [s.subscription_id, iso(s.start_date)]));
  const early = usage.filter((u) => {
    const s = start.get(u.subscription_id);
    const d = iso(u.usage_date);
    return s && d && d < s;
  }).length;
  const unknownSub = usage.filter((u) => !start.has(u.subscription_id)).length;
  const withEvent = new Set(events.map((e) => e.account_id));
  const flagged = new Set(accounts.filter((a) => a.churn_flag === 'TRUE').map((a) => a.account_id));
  const disagree = accounts.filter(
    (a) => flagged.has(a.account_id as string) !== withEvent.has(a.account_id as string),
  ).length;
  const flaggedNoEvent = [...flagged].filter((id) => !withEvent.has(id)).length;
  const eventNotFlagged = [...withEvent].filter((id) => !flagged.has(id)).length;
  const reactivations = events.filter((e) => e.is_reactivation === 'TRUE').length;
  const subsAfterSignup = subscriptions.filter((s) => {
    const a = accounts.find((x) => x.account_id === s.account_id);
    const signup = iso(a?.signup_date);
    const st = iso(s.start_date);
    return signup && st && st < signup;
  }).length;
  console.log(
    `\nRavenStack (${accounts.length} accounts, ${subscriptions.length} subscriptions, ${usage.length} feature-usage rows, ${events.length} churn events): no AUC is reported, because the data contradicts itself:`,
  );
  console.log(
    `  • ${early} of ${usage.length} feature-usage rows (${((100 * early) / usage.length).toFixed(1)} %) are dated before their subscription started${unknownSub ? `; ${unknownSub} name no known subscription` : ''}`,
  );
  console.log(
    `  • the churn flag and the churn events disagree for ${disagree} of ${accounts.length} accounts (${((100 * disagree) / accounts.length).toFixed(1)} %): ${flaggedNoEvent} flagged without a churn event, ${eventNotFlagged} with a churn event but not flagged (${reactivations} events are reactivations)`,
  );
  console.log(`  • ${subsAfterSignup} subscriptions start before their account signed up`);
  console.log(
    '  A score validated on this would be validated on noise; cse backtest prints the same kind of audit for your own data.',
  );
}

telco();
ravenstack();
