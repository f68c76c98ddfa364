import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { NumericalError } from '../contract/method.ts';

/**
 * Sample size to estimate a proportion to a margin of error: Cochran (1977, Sampling Techniques, §4.4)
 * n₀ = z²·p(1 − p)·deff / e², then the finite-population correction n = n₀ / (1 + (n₀ − 1)/N),
 * rounded up, at least 1 (Krejcie & Morgan's 1970 table is the same formula rounded to nearest). z is the
 * normal quantile at (1 + level)/2. Without a population size, n = ⌈n₀⌉. A value within 1e-9
 * relative of an integer counts as that integer, so floating error never adds a unit.
 * Out-of-range inputs (p outside (0, 1), e outside (0, 1), deff ≤ 0, N < 1) throw.
 */

export interface SampleSizeOptions {
  /** Half-width of the interval wanted, on the proportion scale (0.05 = ±5 points). */
  readonly marginOfError: number;
  /** Expected proportion; 0.5 (the default) is the most conservative. */
  readonly proportion?: number;
  /** Confidence level; default 0.95. */
  readonly level?: number;
  /** Design effect of the planned design; default 1 (simple random sampling). */
  readonly designEffect?: number;
  /** Population size for the finite-population correction; absent means infinite. */
  readonly populationSize?: number;
}

export interface SampleSizeResult {
  /** Required sample size, rounded up. */
  readonly n: number;
  /** n before rounding. */
  readonly unroundedN: number;
  /** Size for an infinite population (before the finite-population correction), unrounded. */
  readonly n0: number;
  readonly z: number;
  readonly marginOfError: number;
  readonly proportion: number;
  readonly level: number;
  readonly designEffect: number;
  readonly populationSize: number | null;
}

export function sampleSize(options: SampleSizeOptions): SampleSizeResult {
  const { marginOfError: e, proportion: p = 0.5, level = 0.95, designEffect = 1, populationSize } = options;
  if (!(e > 0 && e < 1)) throw new NumericalError(`marginOfError must be strictly between 0 and 1; got ${e}`);
  if (!(p > 0 && p < 1)) throw new NumericalError(`proportion must be strictly between 0 and 1; got ${p}`);
  if (!(level > 0 && level < 1)) throw new NumericalError(`level must be strictly between 0 and 1; got ${level}`);
  if (!(designEffect > 0 && Number.isFinite(designEffect))) throw new NumericalError(`designEffect must be positive; got ${designEffect}`);
  if (populationSize !== undefined && !(populationSize >= 1)) throw new NumericalError(`populationSize must be at least 1; got ${populationSize}`);

  const z = normalQuantile((1 + level) / 2, 0, 1);
  const n0 = (z * z * p * (1 - p) * designEffect) / (e * e);
  const unroundedN = populationSize === undefined || populationSize === Infinity ? n0 : n0 / (1 + (n0 - 1) / populationSize);
  const nearest = Math.round(unroundedN);
  const n = Math.abs(unroundedN - nearest) <= 1e-9 * Math.max(1, nearest) ? nearest : Math.ceil(unroundedN);
  // A sample has at least one unit, however loose the margin.
  const required = Math.max(1, n);
  return Object.freeze({
    n: required,
    unroundedN,
    n0,
    z,
    marginOfError: e,
    proportion: p,
    level,
    designEffect,
    populationSize: populationSize ?? null,
  });
}
