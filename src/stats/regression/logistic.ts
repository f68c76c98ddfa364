import { NumericalError } from '../contract/method.ts';
import { choleskyInverse } from './cholesky.ts';
import { assertFullRank } from './collinearity.ts';
import { covariateMatrix, type CovariateMatrix } from './covariate-matrix.ts';
import { dot } from './dot.ts';
import { newtonMaximise, type NewtonEvaluation } from './newton.ts';
import { wald, waldCritical } from './wald.ts';

/**
 * Binary logistic regression by maximum likelihood; matches R `glm(y ~ x, family = binomial)`
 * (coefficients, Wald SEs from summary.glm, deviance, null deviance, AIC) and
 * `exp(confint.default(fit))` for the odds-ratio intervals.
 *
 * Method: Newton–Raphson on the centred design (identical to glm's IRLS, whose weighted least
 * squares step is a Newton step for the canonical link), one pass over the row-major data per
 * iteration accumulating XᵀWX directly. Edge cases: y all 0 or all 1, collinear or constant
 * covariates, and complete or quasi-complete separation (Albert & Anderson 1984) throw
 * NumericalError naming the covariates; separation is proved, not guessed: the fit's diverging
 * direction v is accepted only if u = xᵀv satisfies max{u : y = 0} ≤ min{u : y = 1}. A fit that is
 * not separated but has not converged returns `converged: false` with a warning.
 */

export interface LogisticCoefficient {
  readonly name: string;
  readonly estimate: number;
  readonly standardError: number;
  readonly z: number;
  readonly pValue: number;
  /** exp(estimate); for `(Intercept)`, the odds at all covariates 0. */
  readonly oddsRatio: number;
  /** Wald interval for the odds ratio: exp(estimate ∓ z·SE). */
  readonly lower: number;
  readonly upper: number;
}

export interface LogisticResult {
  /** `(Intercept)` first, then the covariates in the order of `names`. */
  readonly coefficients: readonly LogisticCoefficient[];
  readonly deviance: number;
  readonly nullDeviance: number;
  readonly aic: number;
  readonly logLikelihood: number;
  /** Newton iterations taken (glm counts its IRLS iterations from a different start). */
  readonly iterations: number;
  readonly converged: boolean;
  readonly n: number;
  readonly level: number;
  /** Covariance of the estimates, in the order of `coefficients`. */
  readonly covariance: readonly (readonly number[])[];
  readonly warnings: readonly string[];
}

export interface LogisticOptions {
  /** Confidence level of the Wald intervals (default 0.95). */
  readonly level?: number;
  /** Newton iteration limit (default 25, as glm.control). */
  readonly maxIterations?: number;
}

export const INTERCEPT = '(Intercept)';

interface LogisticEvaluation extends NewtonEvaluation {
  readonly maxAbsEta: number;
}

// glm warns "fitted probabilities numerically 0 or 1" when μ < 10ε, i.e. |η| > log(1/(10ε)).
const GLM_EXTREME_ETA = Math.log(1 / (10 * Number.EPSILON));
// Fitted probabilities this extreme (|η| > 15, μ < 3e-7) make separation worth checking for.
const SUSPECT_ETA = 15;

export function logisticRegression(
  y: ArrayLike<number>,
  x: Float64Array | readonly (readonly number[])[],
  names: readonly string[],
  options: LogisticOptions = {},
): LogisticResult {
  const level = options.level ?? 0.95;
  const critical = waldCritical(level);
  const maxIterations = options.maxIterations ?? 25;
  const n = y.length;
  if (n === 0) throw new NumericalError('logistic regression needs at least one observation');
  if (names.includes(INTERCEPT)) throw new NumericalError(`"${INTERCEPT}" is reserved for the intercept; rename that covariate`);
  const outcome = new Uint8Array(n);
  let events = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v !== 0 && v !== 1) throw new NumericalError(`y[${i}] is ${v}; the outcome must be 0 or 1`);
    outcome[i] = v;
    events += v;
  }
  if (events === 0 || events === n) {
    throw new NumericalError(
      `the outcome is ${events === 0 ? 0 : 1} for all ${n} observations, so the intercept diverges to ${events === 0 ? '−' : '+'}infinity and no coefficient is estimable`,
    );
  }
  const cm = covariateMatrix(x, n, names);
  const q = cm.q;
  const p = q + 1;
  const evaluate = logisticLikelihood(outcome, cm);

  // Start at the intercept-only MLE: with centred covariates every η is logit(ȳ), the weights are
  // the constant ȳ(1 − ȳ), so this first pass also yields the centred Gram matrix for the rank check.
  const start = new Float64Array(p);
  start[0] = Math.log(events / (n - events));
  const first = evaluate(start);
  if (!first) throw new NumericalError('the log-likelihood is not finite at the intercept-only fit');
  const w0 = (events / n) * (1 - events / n);
  const gram = new Float64Array(q * q);
  for (let j = 0; j < q; j++) {
    for (let k = j; k < q; k++) {
      const v = first.information[(j + 1) * p + k + 1] / w0;
      gram[j * q + k] = v;
      gram[k * q + j] = v;
    }
  }
  assertFullRank(gram, cm, 'collinear with the intercept');
  const nullDeviance = -2 * first.value;

  const fit = newtonMaximise(evaluate, start, { maxIterations, first });
  const warnings: string[] = [];
  if (fit.status !== 'converged' || fit.evaluation.maxAbsEta > SUSPECT_ETA) {
    const candidates = [fit.lastDirection, fit.estimate.map((b, j) => b - start[j])];
    for (const d of candidates) {
      if (!d) continue;
      const found = separation(outcome, cm, d);
      if (found) throw new NumericalError(separationMessage(found, cm));
    }
    if (fit.status === 'singular') {
      throw new NumericalError(
        'the information matrix XᵀWX became singular during fitting (fitted probabilities numerically 0 or 1); the estimates are not identifiable. Check for separation or near-separation of the outcome by the covariates.',
      );
    }
    if (fit.status !== 'converged') warnings.push(`the fit did not converge in ${fit.iterations} iterations (${fit.status}); estimates are not reliable`);
  }
  if (fit.evaluation.maxAbsEta > GLM_EXTREME_ETA) warnings.push('fitted probabilities numerically 0 or 1 occurred');
  if (!fit.factor) throw new NumericalError('the information matrix is singular at the estimate');

  // Back from the centred parametrisation: intercept = α − Σ βⱼ x̄ⱼ, i.e. θ_raw = A θ with
  // A = [[1, −x̄ᵀ], [0, I]], so Cov_raw = A Cov Aᵀ.
  const vc = choleskyInverse(fit.factor, p);
  const a = new Float64Array(p);
  a[0] = 1;
  for (let j = 0; j < q; j++) a[j + 1] = -cm.mean[j];
  const estimate = Float64Array.from(fit.estimate);
  for (let j = 0; j < q; j++) estimate[0] -= fit.estimate[j + 1] * cm.mean[j];
  const covariance: number[][] = [];
  for (let r = 0; r < p; r++) covariance.push(new Array<number>(p).fill(0));
  // Row 0 of A·Cov, then fill the raw covariance.
  const aCov = new Float64Array(p);
  for (let k = 0; k < p; k++) {
    let s = 0;
    for (let j = 0; j < p; j++) s += a[j] * vc[j * p + k];
    aCov[k] = s;
  }
  let v00 = 0;
  for (let k = 0; k < p; k++) v00 += aCov[k] * a[k];
  covariance[0][0] = v00;
  for (let k = 1; k < p; k++) {
    covariance[0][k] = aCov[k];
    covariance[k][0] = aCov[k];
    for (let l = 1; l < p; l++) covariance[k][l] = vc[k * p + l];
  }

  const allNames = [INTERCEPT, ...names];
  const coefficients = allNames.map((name, j): LogisticCoefficient => {
    const se = Math.sqrt(covariance[j][j]);
    const w = wald(estimate[j], se, critical);
    return {
      name,
      estimate: estimate[j],
      standardError: se,
      z: w.z,
      pValue: w.pValue,
      oddsRatio: Math.exp(estimate[j]),
      lower: Math.exp(w.lower),
      upper: Math.exp(w.upper),
    };
  });
  const deviance = -2 * fit.evaluation.value;
  return {
    coefficients,
    deviance,
    nullDeviance,
    aic: deviance + 2 * p,
    logLikelihood: fit.evaluation.value,
    iterations: fit.iterations,
    converged: fit.status === 'converged',
    n,
    level,
    covariance,
    warnings,
  };
}

/**
 * Bernoulli log-likelihood, score and information XᵀWX at θ = (α, β) for the centred design
 * ηᵢ = α + Σ βⱼ (xᵢⱼ − x̄ⱼ); one pass over the row-major data. Rows are taken in blocks whose
 * centred columns are copied into small reused buffers (mutated in place), so each entry of XᵀWX
 * is a dot product over the block (unrolled four ways to keep independent sums in flight) rather
 * than a rank-one update per row. No allocation proportional to n: on these machines first
 * touching fresh memory costs more than the arithmetic.
 */
function logisticLikelihood(y: Uint8Array, cm: CovariateMatrix): (theta: Float64Array) => LogisticEvaluation | undefined {
  const { n, q, data, mean } = cm;
  const p = q + 1;
  const chunk = CHUNK_ROWS;
  const cols = new Float64Array(p * chunk); // column j of the block at [j * chunk + r]; column 0 is the constant 1
  const weighted = new Float64Array(p * chunk); // w · cols
  const residual = new Float64Array(chunk);
  cols.fill(1, 0, chunk);
  return (theta) => {
    const gradient = new Float64Array(p);
    const information = new Float64Array(p * p);
    const b0 = theta[0];
    let ll = 0;
    let maxAbsEta = 0;
    for (let first = 0; first < n; first += chunk) {
      const m = Math.min(chunk, n - first);
      for (let r = 0; r < m; r++) {
        const off = (first + r) * q;
        let eta = b0;
        for (let j = 0; j < q; j++) {
          const v = data[off + j] - mean[j];
          cols[(j + 1) * chunk + r] = v;
          eta += theta[j + 1] * v;
        }
        const abs = Math.abs(eta);
        if (abs > maxAbsEta) maxAbsEta = abs;
        // With e = exp(−|η|): μ, w = μ(1 − μ) and log μ / log(1 − μ) all without cancellation.
        const e = Math.exp(-abs);
        const log1pE = Math.log1p(e);
        const onePlusE = 1 + e;
        const mu = eta >= 0 ? 1 / onePlusE : e / onePlusE;
        const yi = y[first + r];
        ll -= (yi === 1) === (eta >= 0) ? log1pE : abs + log1pE;
        weighted[r] = e / (onePlusE * onePlusE);
        residual[r] = yi - mu;
      }
      for (let j = 1; j < p; j++) {
        const cj = j * chunk;
        for (let r = 0; r < m; r++) weighted[cj + r] = weighted[r] * cols[cj + r];
      }
      for (let j = 0; j < p; j++) {
        const cj = j * chunk;
        gradient[j] += dot(residual, 0, cols, cj, m);
        for (let k = j; k < p; k++) information[j * p + k] += dot(weighted, cj, cols, k * chunk, m);
      }
    }
    if (!Number.isFinite(ll)) return undefined;
    return { value: ll, gradient, information, maxAbsEta };
  };
}

const CHUNK_ROWS = 256;

interface Separation {
  readonly complete: boolean;
  /** Observations whose fitted probability tends to 0 or 1 along the direction. */
  readonly separated: number;
  /** Covariate part of the separating direction (raw scale). */
  readonly direction: Float64Array;
}

/**
 * Proves separation along the covariate direction v (the intercept is free): with uᵢ = xᵢᵀv,
 * the outcome is separated iff max{uᵢ : yᵢ = 0} ≤ min{uᵢ : yᵢ = 1} (Albert & Anderson 1984);
 * strictly so is complete separation, with equality quasi-complete. A tolerance of 1e-7 of the
 * range of u absorbs the rounding in a numerically computed v. Then covariates are dropped from
 * v greedily (smallest standardised weight first) while it still separates, so the message names
 * a minimal set. No allocation proportional to n.
 */
function separation(y: Uint8Array, cm: CovariateMatrix, d: Float64Array): Separation | undefined {
  const { q, sd } = cm;
  let v = d.slice(1);
  let found = separatedAlong(y, cm, v);
  if (!found) return undefined;
  const order = [...Array(q).keys()].filter((j) => v[j] !== 0).sort((a, b) => Math.abs(v[a]) * sd[a] - Math.abs(v[b]) * sd[b]);
  for (const j of order) {
    const trial = v.slice();
    trial[j] = 0;
    if (trial.every((t) => t === 0)) break;
    const again = separatedAlong(y, cm, trial);
    if (again) {
      v = trial;
      found = again;
    }
  }
  return found;
}

function separatedAlong(y: Uint8Array, cm: CovariateMatrix, v: Float64Array): Separation | undefined {
  const { n, q, data } = cm;
  const linear = (i: number): number => {
    const off = i * q;
    let u = 0;
    for (let j = 0; j < q; j++) u += v[j] * data[off + j];
    return u;
  };
  let maxZero = -Infinity;
  let minOne = Infinity;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const u = linear(i);
    if (u < lo) lo = u;
    if (u > hi) hi = u;
    if (y[i] === 1) {
      if (u < minOne) minOne = u;
    } else if (u > maxZero) maxZero = u;
  }
  const tol = 1e-7 * (hi - lo);
  if (!(hi > lo) || !(maxZero <= minOne + tol)) return undefined;
  if (maxZero < minOne - tol) return { complete: true, separated: n, direction: v };
  let separated = 0;
  for (let i = 0; i < n; i++) {
    const u = linear(i);
    if (y[i] === 1 ? u > minOne + tol : u < maxZero - tol) separated++;
  }
  return { complete: false, separated, direction: v };
}

function separationMessage(found: Separation, cm: CovariateMatrix): string {
  const weights = cm.names.map((_, j) => Math.abs(found.direction[j]) * cm.sd[j]);
  const biggest = Math.max(0, ...weights);
  const involved = cm.names.filter((_, j) => weights[j] > 1e-3 * biggest).map((s) => `"${s}"`);
  const who = involved.length === 1 ? `${involved[0]} predicts` : `a combination of ${involved.join(', ')} predicts`;
  const fix = 'Remove or merge the covariate(s) or their sparse categories, or use a penalised (Firth) fit.';
  return found.complete
    ? `complete separation: ${who} the outcome perfectly for all ${cm.n} observations, so the maximum-likelihood estimates do not exist (the coefficients diverge to ±infinity). ${fix}`
    : `quasi-complete separation: ${who} the outcome perfectly for ${found.separated} of ${cm.n} observations (for example a category in which every outcome is the same), so the maximum-likelihood estimates do not exist (the coefficient(s) diverge to ±infinity). ${fix}`;
}
