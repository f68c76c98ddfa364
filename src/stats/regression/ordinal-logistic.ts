import { NumericalError } from '../contract/method.ts';
import { choleskyInverse } from './cholesky.ts';
import { assertFullRank } from './collinearity.ts';
import { centredGram, covariateMatrix, type CovariateMatrix } from './covariate-matrix.ts';
import { newtonMaximise, type NewtonEvaluation } from './newton.ts';
import { wald, waldCritical } from './wald.ts';

/**
 * Proportional-odds (cumulative logit) model, parametrised as R's `MASS::polr(method =
 * "logistic")`: logit P(Y ≤ k) = ζₖ − xᵀβ for k = 1..K−1 (McCullagh 1980), so a positive β moves
 * the outcome towards higher levels. Standard errors are those of `summary(polr(…, Hess = TRUE))`,
 * but from the exact Hessian rather than polr's finite-difference one.
 *
 * Method: Newton–Raphson on (β, ζ) with the analytic score and information, on centred covariates;
 * the likelihood is concave (Pratt 1981). Edge cases: y must be whole numbers 1..K with every level
 * observed — an empty level throws NumericalError naming it (polr keeps empty factor levels and
 * returns arbitrary thresholds around them, so we refuse instead); K = 1 throws; K = 2 is allowed
 * (polr refuses it) and equals logistic regression of [y = 2] with the threshold = −intercept.
 * Collinear covariates and (quasi-)complete separation — a covariate combination that orders the
 * outcome levels perfectly — throw NumericalError naming the covariates.
 */

export interface OrdinalCoefficient {
  readonly name: string;
  readonly estimate: number;
  readonly standardError: number;
  /** Wald z = estimate / SE (polr's "t value"). */
  readonly z: number;
  /** Two-sided Wald p-value, 2Φ(−|z|). */
  readonly pValue: number;
}

export interface OrdinalThreshold {
  /** polr's name for ζₖ, "k|k+1". */
  readonly name: string;
  readonly estimate: number;
  readonly standardError: number;
}

export interface OrdinalLogisticResult {
  readonly coefficients: readonly OrdinalCoefficient[];
  /** ζ₁ < … < ζ_{K−1}. */
  readonly thresholds: readonly OrdinalThreshold[];
  readonly logLikelihood: number;
  /** −2 log-likelihood (polr's deviance). */
  readonly deviance: number;
  readonly aic: number;
  readonly levels: number;
  readonly n: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Covariance of (β, ζ), coefficients first then thresholds. */
  readonly covariance: readonly (readonly number[])[];
  readonly warnings: readonly string[];
}

export interface OrdinalLogisticOptions {
  /** Newton iteration limit (default 30). */
  readonly maxIterations?: number;
}

const SUSPECT_SCALED_BETA = 15;

export function ordinalLogistic(
  y: ArrayLike<number>,
  x: Float64Array | readonly (readonly number[])[],
  names: readonly string[],
  options: OrdinalLogisticOptions = {},
): OrdinalLogisticResult {
  const maxIterations = options.maxIterations ?? 30;
  const n = y.length;
  if (n === 0) throw new NumericalError('ordinal logistic regression needs at least one observation');
  const level = new Uint32Array(n);
  let levels = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (!Number.isInteger(v) || v < 1) throw new NumericalError(`y[${i}] is ${v}; the outcome must be an ordered level 1, 2, …, K`);
    level[i] = v;
    if (v > levels) levels = v;
  }
  const counts = new Float64Array(levels + 1);
  for (let i = 0; i < n; i++) counts[level[i]]++;
  const empty: number[] = [];
  for (let k = 1; k <= levels; k++) if (counts[k] === 0) empty.push(k);
  if (empty.length > 0) {
    throw new NumericalError(
      `level${empty.length > 1 ? 's' : ''} ${empty.join(', ')} of y (1..${levels}) ${empty.length > 1 ? 'have' : 'has'} no observations, so the thresholds around ${empty.length > 1 ? 'them are' : 'it are'} not identifiable (MASS::polr keeps the empty level and returns an arbitrary threshold). Drop the empty level(s) and renumber y as 1..K.`,
    );
  }
  if (levels < 2) throw new NumericalError('y has a single level; an ordinal model needs at least two observed levels');
  const cm = covariateMatrix(x, n, names);
  assertFullRank(centredGram(cm), cm, 'collinear with the thresholds');
  const q = cm.q;
  const cuts = levels - 1;
  const p = q + cuts;

  // Start at the covariate-free MLE: ζₖ = logit of the cumulative proportion up to level k.
  const start = new Float64Array(p);
  let cumulative = 0;
  for (let k = 1; k <= cuts; k++) {
    cumulative += counts[k];
    start[q + k - 1] = Math.log(cumulative / (n - cumulative));
  }
  const evaluate = ordinalLikelihood(level, levels, cm);
  const fit = newtonMaximise(evaluate, start, { maxIterations });

  const warnings: string[] = [];
  const suspicious = cm.sd.some((sd, j) => Math.abs(fit.estimate[j]) * sd > SUSPECT_SCALED_BETA);
  if (fit.status !== 'converged' || suspicious) {
    for (const d of [fit.lastDirection, fit.estimate]) {
      if (!d || q === 0) continue;
      const found = orderedSeparation(level, levels, cm, d.subarray(0, q));
      if (found) throw new NumericalError(separationMessage(found, cm));
    }
    if (fit.status === 'singular') throw new NumericalError('the information matrix became singular during fitting; the estimates are not identifiable');
    if (fit.status !== 'converged') warnings.push(`the fit did not converge in ${fit.iterations} iterations (${fit.status}); estimates are not reliable`);
  }
  if (!fit.factor) throw new NumericalError('the information matrix is singular at the estimate');

  // Back from centred covariates: ζₖ = ζ'ₖ + x̄ᵀβ, i.e. θ_raw = A θ with A = [[I, 0], [1 x̄ᵀ, I]].
  const vc = choleskyInverse(fit.factor, p);
  const a = (r: number, c: number): number => (r === c ? 1 : r >= q && c < q ? cm.mean[c] : 0);
  const av = new Float64Array(p * p);
  for (let r = 0; r < p; r++) {
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += a(r, k) * vc[k * p + c];
      av[r * p + c] = s;
    }
  }
  const covariance: number[][] = [];
  for (let r = 0; r < p; r++) {
    const row: number[] = [];
    for (let c = 0; c < p; c++) {
      let s = 0;
      for (let k = 0; k < p; k++) s += av[r * p + k] * a(c, k);
      row.push(s);
    }
    covariance.push(row);
  }
  let shift = 0;
  for (let j = 0; j < q; j++) shift += cm.mean[j] * fit.estimate[j];
  const critical = waldCritical(0.95);
  const coefficients = names.map((name, j): OrdinalCoefficient => {
    const se = Math.sqrt(covariance[j][j]);
    const w = wald(fit.estimate[j], se, critical);
    return { name, estimate: fit.estimate[j], standardError: se, z: w.z, pValue: w.pValue };
  });
  const thresholds = Array.from({ length: cuts }, (_, k): OrdinalThreshold => ({
    name: `${k + 1}|${k + 2}`,
    estimate: fit.estimate[q + k] + shift,
    standardError: Math.sqrt(covariance[q + k][q + k]),
  }));
  const ll = fit.evaluation.value;
  return {
    coefficients,
    thresholds,
    logLikelihood: ll,
    deviance: -2 * ll,
    aic: -2 * ll + 2 * p,
    levels,
    n,
    iterations: fit.iterations,
    converged: fit.status === 'converged',
    covariance,
    warnings,
  };
}

/**
 * Log-likelihood Σ log(F(ζ_y − η) − F(ζ_{y−1} − η)), score and information in (β, ζ') for the
 * centred design, one pass. With a = ζ_y − η, b = ζ_{y−1} − η, the probability is computed as
 * F(a)·F(−b)·(1 − e^{b−a}), which never cancels, and the derivatives through
 * g_a = f(a)/P = F(−a)/(F(−b)(1 − e^{b−a})), g_b = f(b)/P = F(b)/(F(a)(1 − e^{b−a})),
 * h = f′/P = g·(1 − 2F). Thresholds out of order give undefined (step halving backs off).
 */
function ordinalLikelihood(level: Uint32Array, levels: number, cm: CovariateMatrix): (theta: Float64Array) => NewtonEvaluation | undefined {
  const { n, q, data, mean } = cm;
  const p = q + levels - 1;
  const row = new Float64Array(q);
  return (theta) => {
    const gradient = new Float64Array(p);
    const information = new Float64Array(p * p);
    let ll = 0;
    for (let i = 0; i < n; i++) {
      const off = i * q;
      let eta = 0;
      for (let j = 0; j < q; j++) {
        const v = data[off + j] - mean[j];
        row[j] = v;
        eta += theta[j] * v;
      }
      const y = level[i];
      const hasUpper = y < levels;
      const hasLower = y > 1;
      const up = q + y - 1; // index of ζ_y
      const lo = q + y - 2; // index of ζ_{y−1}
      let fa = 1; // F(a)
      let fma = 0; // F(−a)
      let fb = 0; // F(b)
      let fmb = 1; // F(−b)
      let logP = 0;
      if (hasUpper) {
        const a = theta[up] - eta;
        const e = Math.exp(-Math.abs(a));
        fa = a >= 0 ? 1 / (1 + e) : e / (1 + e);
        fma = a >= 0 ? e / (1 + e) : 1 / (1 + e);
        logP -= a >= 0 ? Math.log1p(e) : -a + Math.log1p(e);
      }
      if (hasLower) {
        const b = theta[lo] - eta;
        const e = Math.exp(-Math.abs(b));
        fb = b >= 0 ? 1 / (1 + e) : e / (1 + e);
        fmb = b >= 0 ? e / (1 + e) : 1 / (1 + e);
        logP -= b >= 0 ? b + Math.log1p(e) : Math.log1p(e);
      }
      let gap = 1; // 1 − e^{b−a}
      if (hasUpper && hasLower) {
        const diff = theta[lo] - theta[up];
        if (!(diff < 0)) return undefined;
        gap = -Math.expm1(diff);
        logP += Math.log(gap);
      }
      ll += logP;
      const ga = hasUpper ? fma / (fmb * gap) : 0;
      const gb = hasLower ? fb / (fa * gap) : 0;
      const ha = ga * (fma - fa);
      const hb = gb * (fmb - fb);
      const s = ga - gb;
      const hEta = s * s - (ha - hb);
      for (let j = 0; j < q; j++) {
        const v = row[j];
        gradient[j] -= s * v;
        const base = j * p;
        const hv = hEta * v;
        for (let k = j; k < q; k++) information[base + k] += hv * row[k];
        if (hasUpper) information[base + up] += v * (ha - ga * s);
        if (hasLower) information[base + lo] += v * (gb * s - hb);
      }
      if (hasUpper) {
        gradient[up] += ga;
        information[up * p + up] += ga * ga - ha;
      }
      if (hasLower) {
        gradient[lo] -= gb;
        information[lo * p + lo] += gb * gb + hb;
      }
      if (hasUpper && hasLower) information[lo * p + up] -= ga * gb;
    }
    if (!Number.isFinite(ll)) return undefined;
    return { value: ll, gradient, information };
  };
}

interface OrderedSeparation {
  readonly complete: boolean;
  readonly direction: Float64Array;
}

/**
 * Proves that u = xᵀv orders the outcome levels perfectly: for every cut k,
 * max{uᵢ : yᵢ ≤ k} ≤ min{uᵢ : yᵢ > k}. Then moving β along v and each ζₖ into the gap never lowers
 * any observation's probability, so the likelihood has no maximum (the cumulative-logit analogue
 * of Albert & Anderson 1984). Tolerance 1e-7 of the range of u; covariates are then dropped from v
 * greedily while it still holds, so the message names a minimal set.
 */
function orderedSeparation(level: Uint32Array, levels: number, cm: CovariateMatrix, d: Float64Array): OrderedSeparation | undefined {
  let v = Float64Array.from(d);
  let found = orderedAlong(level, levels, cm, v);
  if (found === undefined) return undefined;
  const order = [...Array(cm.q).keys()].filter((j) => v[j] !== 0).sort((a, b) => Math.abs(v[a]) * cm.sd[a] - Math.abs(v[b]) * cm.sd[b]);
  for (const j of order) {
    const trial = v.slice();
    trial[j] = 0;
    if (trial.every((t) => t === 0)) break;
    const again = orderedAlong(level, levels, cm, trial);
    if (again !== undefined) {
      v = trial;
      found = again;
    }
  }
  return { complete: found, direction: v };
}

/** undefined if u does not order the levels; else whether it does so strictly (complete). */
function orderedAlong(level: Uint32Array, levels: number, cm: CovariateMatrix, v: Float64Array): boolean | undefined {
  const { n, q, data } = cm;
  const lo = new Float64Array(levels + 1).fill(Infinity);
  const hi = new Float64Array(levels + 1).fill(-Infinity);
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const off = i * q;
    let u = 0;
    for (let j = 0; j < q; j++) u += v[j] * data[off + j];
    const y = level[i];
    if (u < lo[y]) lo[y] = u;
    if (u > hi[y]) hi[y] = u;
    if (u < min) min = u;
    if (u > max) max = u;
  }
  if (!(max > min)) return undefined;
  const tol = 1e-7 * (max - min);
  let complete = true;
  let below = -Infinity;
  for (let k = 1; k < levels; k++) {
    below = Math.max(below, hi[k]);
    let above = Infinity;
    for (let l = k + 1; l <= levels; l++) above = Math.min(above, lo[l]);
    if (below > above + tol) return undefined;
    if (!(below < above - tol)) complete = false;
  }
  return complete;
}

function separationMessage(found: OrderedSeparation, cm: CovariateMatrix): string {
  const involved = cm.names.filter((_, j) => found.direction[j] !== 0).map((s) => `"${s}"`);
  const who = involved.length === 1 ? `${involved[0]} orders` : `a combination of ${involved.join(', ')} orders`;
  return `${found.complete ? 'complete' : 'quasi-complete'} separation: ${who} the outcome levels perfectly${found.complete ? '' : ' (up to ties at the boundaries)'}, so the maximum-likelihood estimates do not exist (coefficients or thresholds diverge to ±infinity). Remove or merge the covariate(s), their sparse categories or the outcome levels involved.`;
}
