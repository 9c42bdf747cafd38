/** A fitted logistic regression: P(y = 1) = σ(intercept + Σ coefficients·x). */
export interface LogisticFit {
  intercept: number;
  coefficients: number[];
  iterations: number;
  converged: boolean;
}

const sigmoid = (z: number) => (z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z)));

/** The fitted probability for one row. Pure. */
export function predictLogistic(
  fit: Pick<LogisticFit, 'intercept' | 'coefficients'>,
  x: readonly number[],
): number {
  let z = fit.intercept;
  for (let j = 0; j < fit.coefficients.length; j++) z += (fit.coefficients[j] as number) * (x[j] ?? 0);
  return sigmoid(z);
}

/** Solves A·x = b for a symmetric positive-definite A (Cholesky). */
function solveSpd(a: number[][], b: number[]): number[] {
  const n = b.length;
  const l = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = (a[i] as number[])[j] as number;
      for (let k = 0; k < j; k++)
        sum -= ((l[i] as number[])[k] as number) * ((l[j] as number[])[k] as number);
      if (i === j) (l[i] as number[])[i] = Math.sqrt(Math.max(sum, 1e-12));
      else (l[i] as number[])[j] = sum / ((l[j] as number[])[j] as number);
    }
  }
  const y = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= ((l[i] as number[])[k] as number) * (y[k] as number);
    y[i] = sum / ((l[i] as number[])[i] as number);
  }
  const x = new Array<number>(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < n; k++) sum -= ((l[k] as number[])[i] as number) * (x[k] as number);
    x[i] = sum / ((l[i] as number[])[i] as number);
  }
  return x;
}

/** −log-likelihood + (λ/2)·‖β‖² (intercept unpenalised), computed stably. */
function penalisedLoss(
  rows: readonly (readonly number[])[],
  outcomes: readonly boolean[],
  beta: readonly number[],
  lambda: number,
): number {
  let loss = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly number[];
    let z = beta[0] as number;
    for (let j = 0; j < row.length; j++) z += (beta[j + 1] as number) * (row[j] as number);
    // log(1 + e^z) − y·z, without overflow.
    loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (outcomes[r] ? z : 0);
  }
  for (let j = 1; j < beta.length; j++) loss += (lambda / 2) * (beta[j] as number) ** 2;
  return loss;
}

/**
 * L2-regularised logistic regression by damped Newton's method (iteratively reweighted least squares):
 * minimises −log-likelihood + (λ/2)·‖β‖² with the intercept unpenalised. Features should be on
 * comparable scales (standardise first) for λ to mean the same for each. Deterministic. Pure.
 */
export function fitLogistic(
  rows: readonly (readonly number[])[],
  outcomes: readonly boolean[],
  options: { lambda: number; maxIterations?: number; tolerance?: number },
): LogisticFit {
  const p = rows[0]?.length ?? 0;
  const dim = p + 1;
  const beta = new Array<number>(dim).fill(0);
  const positives = outcomes.filter(Boolean).length;
  // Start from the base rate: the intercept-only solution.
  if (positives > 0 && positives < outcomes.length)
    beta[0] = Math.log(positives / (outcomes.length - positives));
  const maxIterations = options.maxIterations ?? 50;
  const tolerance = options.tolerance ?? 1e-9;
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const gradient = new Array<number>(dim).fill(0);
    const hessian = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r] as readonly number[];
      const x = [1, ...row];
      let z = 0;
      for (let j = 0; j < dim; j++) z += (beta[j] as number) * (x[j] as number);
      const mu = sigmoid(z);
      const residual = (outcomes[r] ? 1 : 0) - mu;
      const w = mu * (1 - mu);
      for (let j = 0; j < dim; j++) {
        gradient[j] = (gradient[j] as number) + residual * (x[j] as number);
        const hj = hessian[j] as number[];
        for (let k = 0; k <= j; k++) hj[k] = (hj[k] as number) + w * (x[j] as number) * (x[k] as number);
      }
    }
    for (let j = 0; j < dim; j++) {
      const hj = hessian[j] as number[];
      for (let k = 0; k < j; k++) (hessian[k] as number[])[j] = hj[k] as number;
      if (j > 0) {
        gradient[j] = (gradient[j] as number) - options.lambda * (beta[j] as number);
        hj[j] = (hj[j] as number) + options.lambda;
      }
      // A tiny ridge on the intercept keeps a separable or constant column solvable.
      else hj[j] = (hj[j] as number) + 1e-9;
    }
    const step = solveSpd(hessian, gradient);
    // Damped: the step is halved until the penalised loss does not rise, so Newton cannot overshoot
    // into ever larger coefficients on nearly separable data.
    const before = penalisedLoss(rows, outcomes, beta, options.lambda);
    let scale = 1;
    const tried = (t: number) => beta.map((b, j) => b + t * (step[j] as number));
    while (scale > 1e-6 && penalisedLoss(rows, outcomes, tried(scale), options.lambda) > before + 1e-12)
      scale /= 2;
    let change = 0;
    for (let j = 0; j < dim; j++) {
      beta[j] = (beta[j] as number) + scale * (step[j] as number);
      change = Math.max(change, Math.abs(scale * (step[j] as number)));
    }
    if (change < tolerance)
      return {
        intercept: beta[0] as number,
        coefficients: beta.slice(1),
        iterations: iteration,
        converged: true,
      };
  }
  return {
    intercept: beta[0] as number,
    coefficients: beta.slice(1),
    iterations: maxIterations,
    converged: false,
  };
}

/** Column means and standard deviations (1 for a constant column), to standardise features. Pure. */
export function columnScales(rows: readonly (readonly number[])[]): { means: number[]; scales: number[] } {
  const p = rows[0]?.length ?? 0;
  const means = new Array<number>(p).fill(0);
  const scales = new Array<number>(p).fill(0);
  for (const row of rows)
    for (let j = 0; j < p; j++) means[j] = (means[j] as number) + (row[j] as number) / rows.length;
  for (const row of rows)
    for (let j = 0; j < p; j++)
      scales[j] = (scales[j] as number) + ((row[j] as number) - (means[j] as number)) ** 2 / rows.length;
  return { means, scales: scales.map((v) => (v > 1e-12 ? Math.sqrt(v) : 1)) };
}
