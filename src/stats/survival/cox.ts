import { NumericalError } from '../contract/method.ts';
import { ascendingOrder } from '../regression/ascending-order.ts';
import { choleskyInverse } from '../regression/cholesky.ts';
import { assertFullRank } from '../regression/collinearity.ts';
import { covariateMatrix, type CovariateMatrix } from '../regression/covariate-matrix.ts';
import { dot } from '../regression/dot.ts';
import { newtonMaximise, type NewtonEvaluation } from '../regression/newton.ts';
import { wald, waldCritical } from '../regression/wald.ts';

/**
 * Cox proportional-hazards regression by maximum partial likelihood (Cox 1972), with tied event
 * times handled by Efron's (1977, the default) or Breslow's (1974) approximation; matches R
 * `survival::coxph(Surv(time, event) ~ x, ties = …)`: coefficients, Wald SEs, z, p, hazard ratios
 * with `summary(fit, conf.int = level)` intervals, and the partial log-likelihood at the estimate
 * (`fit$loglik[2]`).
 *
 * Method: the rows are sorted once by time; each Newton iteration is one backward pass that
 * accumulates the risk-set sums Σ e^η, Σ e^η x, Σ e^η xxᵀ from the latest time to the earliest.
 * Covariates are centred (as coxph does), which changes nothing but the rounding. Edge cases:
 * no events, collinear or constant covariates, and monotone likelihood — a covariate combination
 * that orders the events perfectly, so a hazard ratio is infinite (Bryson & Johnson 1981) — throw
 * NumericalError naming the covariates; monotone likelihood is proved, not guessed: the fit's
 * diverging direction v is accepted only if every event has the largest xᵀv in its risk set.
 */

export type CoxTies = 'efron' | 'breslow';

export interface CoxCoefficient {
  readonly name: string;
  readonly estimate: number;
  readonly standardError: number;
  readonly z: number;
  readonly pValue: number;
  readonly hazardRatio: number;
  /** Wald interval for the hazard ratio: exp(estimate ∓ z·SE). */
  readonly lower: number;
  readonly upper: number;
}

export interface CoxResult {
  readonly coefficients: readonly CoxCoefficient[];
  /** Partial log-likelihood at the estimate (coxph's loglik[2]). */
  readonly logLikelihood: number;
  /** Partial log-likelihood at β = 0 (coxph's loglik[1]). */
  readonly nullLogLikelihood: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly n: number;
  readonly events: number;
  readonly ties: CoxTies;
  readonly level: number;
  /** Covariance of the estimates, in the order of `coefficients`. */
  readonly covariance: readonly (readonly number[])[];
  readonly warnings: readonly string[];
}

export interface CoxOptions {
  readonly ties?: CoxTies;
  /** Confidence level of the Wald intervals (default 0.95). */
  readonly level?: number;
  /** Newton iteration limit (default 30). */
  readonly maxIterations?: number;
}

// A coefficient beyond 10 standard deviations' worth of log hazard ratio is worth checking for
// monotone likelihood even if the fit claims convergence.
const SUSPECT_SCALED_BETA = 10;

export function coxRegression(
  time: ArrayLike<number>,
  event: ArrayLike<number | boolean>,
  x: Float64Array | readonly (readonly number[])[],
  names: readonly string[],
  options: CoxOptions = {},
): CoxResult {
  const ties = options.ties ?? 'efron';
  if (ties !== 'efron' && ties !== 'breslow') throw new NumericalError(`ties must be "efron" or "breslow"; got ${String(ties)}`);
  const level = options.level ?? 0.95;
  const critical = waldCritical(level);
  const maxIterations = options.maxIterations ?? 30;
  const n = time.length;
  if (event.length !== n) throw new NumericalError(`event has ${event.length} values but time has ${n}`);
  if (names.length === 0) throw new NumericalError('Cox regression needs at least one covariate');
  const status = new Uint8Array(n);
  let events = 0;
  for (let i = 0; i < n; i++) {
    const t = time[i];
    if (!Number.isFinite(t)) throw new NumericalError(`time[${i}] is ${t}; times must be finite numbers`);
    const e = event[i];
    if (e === 1 || e === true) status[i] = 1;
    else if (e !== 0 && e !== false) throw new NumericalError(`event[${i}] is ${String(e)}; events must be 0/1 (or false/true)`);
    events += status[i];
  }
  if (events === 0) throw new NumericalError(`none of the ${n} observations is an event, so the partial likelihood is constant and no hazard ratio is estimable`);
  const cm = covariateMatrix(x, n, names);
  const q = cm.q;
  const risk = riskSetOrder(time, status, cm);
  assertFullRank(risk.gram, cm, 'the partial likelihood does not depend on a constant');
  const evaluate = coxPartialLikelihood(risk, ties === 'efron');
  const start = new Float64Array(q);
  const first = evaluate(start);
  if (!first) throw new NumericalError('the partial log-likelihood is not finite at β = 0');
  const fit = newtonMaximise(evaluate, start, { maxIterations, first });

  const warnings: string[] = [];
  const suspicious = fit.estimate.some((b, j) => Math.abs(b) * cm.sd[j] > SUSPECT_SCALED_BETA);
  if (fit.status !== 'converged' || suspicious) {
    for (const d of [fit.lastDirection, fit.estimate]) {
      if (!d) continue;
      const found = monotoneLikelihood(risk, cm, d);
      if (found) throw new NumericalError(monotoneMessage(found, cm));
    }
    if (fit.status === 'singular') {
      throw new NumericalError(
        'the information matrix became singular during fitting: the covariates do not vary enough within the risk sets at the event times to estimate every hazard ratio',
      );
    }
    if (fit.status !== 'converged') warnings.push(`the fit did not converge in ${fit.iterations} iterations (${fit.status}); estimates are not reliable`);
  }
  if (!fit.factor) throw new NumericalError('the information matrix is singular at the estimate');

  const vc = choleskyInverse(fit.factor, q);
  const covariance: number[][] = [];
  for (let j = 0; j < q; j++) covariance.push(Array.from(vc.subarray(j * q, (j + 1) * q)));
  const coefficients = names.map((name, j): CoxCoefficient => {
    const estimate = fit.estimate[j];
    const se = Math.sqrt(vc[j * q + j]);
    const w = wald(estimate, se, critical);
    return { name, estimate, standardError: se, z: w.z, pValue: w.pValue, hazardRatio: Math.exp(estimate), lower: Math.exp(w.lower), upper: Math.exp(w.upper) };
  });
  return {
    coefficients,
    logLikelihood: fit.evaluation.value,
    nullLogLikelihood: first.value,
    iterations: fit.iterations,
    converged: fit.status === 'converged',
    n,
    events,
    ties,
    level,
    covariance,
    warnings,
  };
}

/**
 * The data sorted once by ascending time: centred covariates copied column-major in sorted
 * order (column j, sorted position k at [j · stride + k]), so every fitting pass reads memory in
 * sequence; each position's event flag; and where each group of equal times starts.
 */
interface RiskSetOrder {
  readonly n: number;
  readonly q: number;
  /** Column j starts at j · stride. */
  readonly stride: number;
  readonly columns: Float64Array;
  readonly event: Uint8Array;
  /** 1 where sorted position k is the first (lowest k) of its group of equal times. */
  readonly groupStart: Uint8Array;
  readonly groups: number;
  /** Centred cross-product matrix of the covariates (q × q), for the rank check. */
  readonly gram: Float64Array;
}

function riskSetOrder(time: ArrayLike<number>, status: Uint8Array, cm: CovariateMatrix): RiskSetOrder {
  const { n, q, data, mean } = cm;
  const order = ascendingOrder(time);
  const event = new Uint8Array(n);
  const groupStart = new Uint8Array(n);
  // Sorted position of each row; the copy below then reads rows in sequence and scatters them,
  // which is cheaper than gathering rows in random order.
  const rank = new Uint32Array(n);
  let groups = 0;
  let previous = NaN;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    rank[i] = k;
    event[k] = status[i];
    const t = time[i];
    if (t !== previous) {
      groupStart[k] = 1;
      groups++;
    }
    previous = t;
  }
  // Columns a little more than n apart: a stride that is a multiple of 4 KiB would put every
  // column's k-th entry in the same cache set.
  const stride = n - (n % 512) + 512 + 40;
  const columns = new Float64Array(stride * q);
  for (let i = 0; i < n; i++) {
    const off = i * q;
    const k = rank[i];
    for (let j = 0; j < q; j++) columns[j * stride + k] = data[off + j] - mean[j];
  }
  const gram = new Float64Array(q * q);
  for (let j = 0; j < q; j++) {
    for (let l = j; l < q; l++) {
      const v = dot(columns, j * stride, columns, l * stride, n);
      gram[j * q + l] = v;
      gram[l * q + j] = v;
    }
  }
  return { n, q, stride, columns, event, groupStart, groups, gram };
}

/**
 * Partial log-likelihood, score and information at β in two passes over the sorted data.
 *
 * Backward (latest time first), each tie group joins the risk-set sums S0 = Σ e^η and
 * S1 = Σ e^η x, then its d events contribute: Breslow uses the full risk set for each event;
 * Efron, for the r-th of them, removes the fraction r/d of the events' own sums (E0, E1), with
 * D0 = S0 − (r/d)E0. The second-moment sums S2 = Σ e^η xxᵀ are never formed per group: since
 * Σ_r (S2 − (r/d)E2)/D0 = S2·A_g − E2·B_g with A_g = Σ_r 1/D0 and B_g = Σ_r (r/d)/D0, row k
 * contributes e^{ηₖ}(Cₖ − [k is an event]·B_g) xₖxₖᵀ, where Cₖ = Σ A over the groups at or before
 * its time. So the forward pass forms Σ ωₖ xₖxₖᵀ with block dot products (the same ω gives the
 * score), and the backward pass subtracts Σ m mᵀ, m = (S1 − (r/d)E1)/D0. Buffers are reused across
 * calls (mutated in place); none is allocated per pass.
 */
function coxPartialLikelihood(risk: RiskSetOrder, efron: boolean): (beta: Float64Array) => NewtonEvaluation | undefined {
  const { n, q, stride, columns: xs, event, groupStart, groups } = risk;
  const expEta = new Float64Array(n);
  const groupA = new Float64Array(groups);
  const groupB = new Float64Array(groups);
  const s1 = new Float64Array(q);
  const e1 = new Float64Array(q);
  const m1 = new Float64Array(q);
  const v1 = new Float64Array(q);
  const chunk = CHUNK_ROWS;
  const omega = new Float64Array(chunk);
  const weighted = new Float64Array(q * chunk);
  return (beta) => {
    const gradient = new Float64Array(q);
    const information = new Float64Array(q * q);
    // η for every row, column by column.
    expEta.fill(0);
    for (let j = 0; j < q; j++) {
      const b = beta[j];
      const col = j * stride;
      for (let k = 0; k < n; k++) expEta[k] += b * xs[col + k];
    }
    let ll = 0;
    let s0 = 0;
    s1.fill(0);
    let gi = groups - 1;
    let k = n - 1;
    while (k >= 0) {
      let d = 0;
      let e0 = 0;
      for (;;) {
        const eta = expEta[k];
        const r = Math.exp(eta);
        expEta[k] = r;
        s0 += r;
        for (let j = 0; j < q; j++) s1[j] += r * xs[j * stride + k];
        if (event[k] === 1) {
          ll += eta;
          for (let j = 0; j < q; j++) gradient[j] += xs[j * stride + k];
          if (efron) {
            if (d === 0) e1.fill(0);
            e0 += r;
            for (let j = 0; j < q; j++) e1[j] += r * xs[j * stride + k];
          }
          d++;
        }
        const last = groupStart[k] === 1;
        k--;
        if (last) break;
      }
      let a = 0;
      let b = 0;
      if (d > 0 && (!efron || d === 1)) {
        ll -= d * Math.log(s0);
        a = d / s0;
        for (let j = 0; j < q; j++) m1[j] = s1[j] / s0;
        for (let j = 0; j < q; j++) for (let l = j; l < q; l++) information[j * q + l] -= d * m1[j] * m1[l];
      } else if (d > 0) {
        // The r-th mean is m_r = (S1 − (r/d)E1)/D0_r = u + v/D0_r with u = E1/E0 (the events'
        // mean) and v = S1 − S0·u, so Σ_r m_r m_rᵀ = d·uuᵀ + (uvᵀ + vuᵀ)Σc + vvᵀΣc², c = 1/D0_r:
        // O(d + q²) per group instead of O(d·q²), without the d²-fold cancellation of expanding
        // in S1 and E1 directly.
        let sumC = 0;
        let sumC2 = 0;
        for (let r = 0; r < d; r++) {
          const f = r / d;
          const d0 = s0 - f * e0;
          ll -= Math.log(d0);
          const c = 1 / d0;
          sumC += c;
          sumC2 += c * c;
          b += f * c;
        }
        a = sumC;
        for (let j = 0; j < q; j++) {
          m1[j] = e1[j] / e0;
          v1[j] = s1[j] - s0 * m1[j];
        }
        for (let j = 0; j < q; j++) {
          for (let l = j; l < q; l++) {
            information[j * q + l] -= d * m1[j] * m1[l] + (m1[j] * v1[l] + v1[j] * m1[l]) * sumC + v1[j] * v1[l] * sumC2;
          }
        }
      }
      groupA[gi] = a;
      groupB[gi] = b;
      gi--;
    }
    if (!Number.isFinite(ll)) return undefined;
    // Forward: ωₖ = e^{ηₖ}(Cₖ − [event]·B_g), then Σ ω x (score) and Σ ω xxᵀ (information).
    let cumulative = 0;
    gi = -1;
    for (let first = 0; first < n; first += chunk) {
      const m = Math.min(chunk, n - first);
      for (let r = 0; r < m; r++) {
        const kk = first + r;
        if (groupStart[kk] === 1) {
          gi++;
          cumulative += groupA[gi];
        }
        omega[r] = expEta[kk] * (event[kk] === 1 ? cumulative - groupB[gi] : cumulative);
      }
      for (let j = 0; j < q; j++) {
        const col = j * stride + first;
        const wj = j * chunk;
        let g = 0;
        for (let r = 0; r < m; r++) {
          const wx = omega[r] * xs[col + r];
          weighted[wj + r] = wx;
          g += wx;
        }
        gradient[j] -= g;
      }
      for (let j = 0; j < q; j++) {
        for (let l = j; l < q; l++) information[j * q + l] += dot(weighted, j * chunk, xs, l * stride + first, m);
      }
    }
    for (let j = 0; j < q; j++) if (!Number.isFinite(gradient[j])) return undefined;
    return { value: ll, gradient, information };
  };
}

const CHUNK_ROWS = 256;

interface Monotone {
  /** Covariate direction along which the partial likelihood keeps rising. */
  readonly direction: Float64Array;
}

/**
 * Proves monotone likelihood along the covariate direction v: with uᵢ = xᵢᵀv, every event must
 * have the largest u in its risk set (all rows with time ≥ its time), and at least one event a
 * strictly larger u than some member — then ℓ(β + s·v) increases without bound in s for Breslow
 * and Efron alike (Bryson & Johnson 1981). Tolerance 1e-7 of the range of u. Covariates are then
 * dropped from v greedily while it still proves it, so the message names a minimal set.
 */
function monotoneLikelihood(risk: RiskSetOrder, cm: CovariateMatrix, d: Float64Array): Monotone | undefined {
  let v = Float64Array.from(d);
  if (!monotoneAlong(risk, v)) return undefined;
  const order = [...Array(cm.q).keys()].filter((j) => v[j] !== 0).sort((a, b) => Math.abs(v[a]) * cm.sd[a] - Math.abs(v[b]) * cm.sd[b]);
  for (const j of order) {
    const trial = v.slice();
    trial[j] = 0;
    if (trial.every((t) => t === 0)) break;
    if (monotoneAlong(risk, trial)) v = trial;
  }
  return { direction: v };
}

function monotoneAlong(risk: RiskSetOrder, v: Float64Array): boolean {
  const { n, q, stride, columns, event, groupStart } = risk;
  const u = (k: number): number => {
    let s = 0;
    for (let j = 0; j < q; j++) s += v[j] * columns[j * stride + k];
    return s;
  };
  let lo = Infinity;
  let hi = -Infinity;
  for (let k = 0; k < n; k++) {
    const value = u(k);
    if (value < lo) lo = value;
    if (value > hi) hi = value;
  }
  if (!(hi > lo)) return false;
  const tol = 1e-7 * (hi - lo);
  let maxU = -Infinity;
  let minU = Infinity;
  let strict = false;
  let k = n - 1;
  while (k >= 0) {
    // Add the whole tie group to the risk set first, then check its events.
    let g = k;
    while (groupStart[g] !== 1) g--;
    for (let h = k; h >= g; h--) {
      const value = u(h);
      if (value > maxU) maxU = value;
      if (value < minU) minU = value;
    }
    for (let h = k; h >= g; h--) {
      if (event[h] !== 1) continue;
      const value = u(h);
      if (value < maxU - tol) return false;
      if (value > minU + tol) strict = true;
    }
    k = g - 1;
  }
  return strict;
}

function monotoneMessage(found: Monotone, cm: CovariateMatrix): string {
  const involved = cm.names.map((name, j) => ({ name, w: found.direction[j] })).filter((c) => c.w !== 0);
  const who =
    involved.length === 1
      ? `"${involved[0].name}" orders the events perfectly (every event has the ${involved[0].w > 0 ? 'highest' : 'lowest'} value in its risk set)`
      : `a combination of ${involved.map((c) => `"${c.name}"`).join(', ')} orders the events perfectly (every event has the highest value of it in its risk set)`;
  return `monotone likelihood: ${who}, so the maximum partial-likelihood estimate does not exist (a hazard ratio is infinite). Remove or merge the covariate(s) or their sparse categories, or use a penalised (Firth) Cox fit.`;
}
