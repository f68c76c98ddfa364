import { NumericalError } from '../contract/method.ts';
import { percentileInterval, unitSampler } from './bootstrap.ts';
import type { Category, Rating } from './categories.ts';
import { unitCoincidences, type UnitCoincidences } from './coincidence.ts';

export type MeasurementLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export interface AlphaBootstrapOptions {
  /** Bootstrap replicates (default 1000). */
  readonly samples?: number;
  /** Mersenne Twister seed, an integer from 1 to 2³² − 1. */
  readonly seed: number;
  /** Confidence level of the percentile interval (default 0.95). */
  readonly level?: number;
}

export interface KrippendorffAlphaOptions {
  /** Metric of the values (default `nominal`). */
  readonly level?: MeasurementLevel;
  /** Add a percentile interval from resampling units. */
  readonly bootstrap?: AlphaBootstrapOptions;
}

export interface AlphaBootstrapResult {
  readonly samples: number;
  readonly seed: number;
  readonly level: number;
  /** Replicates with no variation (α undefined), left out of the interval. */
  readonly undefinedSamples: number;
}

export interface KrippendorffAlphaResult {
  /** 1 − D_o / D_e; NaN when the pairable values do not vary (D_e = 0). */
  readonly alpha: number;
  readonly level: MeasurementLevel;
  /** Observed disagreement D_o = Σ o_ck δ²_ck / n. */
  readonly observedDisagreement: number;
  /** Expected disagreement D_e = Σ n_c n_k δ²_ck / (n (n − 1)). */
  readonly expectedDisagreement: number;
  /** Pairable values n (values in units with at least two of them). */
  readonly pairableValues: number;
  /** Units with at least two values. */
  readonly units: number;
  /** Units with fewer than two values, not pairable, left out. */
  readonly droppedUnits: number;
  /** The distinct pairable values, in the order the metric uses. */
  readonly values: readonly Category[];
  /** Percentile bootstrap interval, present when a bootstrap was asked for. */
  readonly lower?: number;
  readonly upper?: number;
  readonly bootstrap?: AlphaBootstrapResult;
  readonly warnings: readonly string[];
}

/**
 * Krippendorff's α for coders × units reliability data at any measurement level, from the
 * coincidence matrix (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"); checked
 * against that paper's worked example and an independent R transcription. Missing values (null,
 * NaN) are allowed; units with fewer than two values are not pairable and are dropped. Nominal data
 * may be strings; the other levels need numbers, ratio non-negative ones. α is NaN (with a
 * warning) when the pairable values do not vary; no pairable unit throws NumericalError. The
 * optional bootstrap resamples pairable units (percentile interval, see bootstrapAlpha).
 */
export function krippendorffAlpha(data: ReadonlyArray<ArrayLike<Rating>>, options: KrippendorffAlphaOptions = {}): KrippendorffAlphaResult {
  const level = options.level ?? 'nominal';
  const shares = unitCoincidences(data);
  if (shares.units === 0) throw new NumericalError('Krippendorff\'s alpha needs at least one unit with two or more values');
  checkValues(shares, level);

  const alpha = new AlphaAccumulator(shares, level);
  alpha.weights.fill(1);
  const point = alpha.evaluate();
  const warnings: string[] = [];
  if (Number.isNaN(point.alpha)) warnings.push('the pairable values do not vary (expected disagreement 0), so alpha is undefined (0/0)');

  const result = {
    alpha: point.alpha,
    level,
    observedDisagreement: point.observed / point.n,
    expectedDisagreement: point.expected / (point.n * (point.n - 1)),
    pairableValues: point.n,
    units: shares.units,
    droppedUnits: shares.droppedUnits,
    values: shares.values,
    warnings,
  };
  if (!options.bootstrap) return result;

  const samples = options.bootstrap.samples ?? 1000;
  const ciLevel = options.bootstrap.level ?? 0.95;
  const replicates = bootstrapAlpha(shares, level, samples, options.bootstrap.seed);
  const { lower, upper } = percentileInterval(replicates, ciLevel);
  const undefinedSamples = replicates.reduce((s, x) => s + (Number.isNaN(x) ? 1 : 0), 0);
  if (undefinedSamples > 0) warnings.push(`${undefinedSamples} of ${samples} bootstrap samples had no variation (alpha undefined) and were left out of the interval`);
  return { ...result, lower, upper, bootstrap: { samples, seed: options.bootstrap.seed, level: ciLevel, undefinedSamples }, warnings };
}

/**
 * Bootstrap replicates of α: each replicate draws `units` pairable units with replacement
 * (unitSampler(seed), one draw per unit, replicate after replicate) and recomputes α on them, by
 * summing the units' precomputed coincidence shares rather than rebuilding from raw data. The
 * replicate is exactly α of the resampled data, the ordinal metric's ranks included (they follow
 * the resampled margins). Cost per replicate: O(coincidence entries) plus O(values) for
 * nominal, ordinal and interval, O(values²) for ratio.
 */
export function bootstrapAlpha(shares: UnitCoincidences, level: MeasurementLevel, samples: number, seed: number): Float64Array {
  if (!(Number.isInteger(samples) && samples >= 1)) throw new NumericalError(`bootstrap samples must be a positive integer; got ${samples}`);
  const sampler = unitSampler(seed);
  const alpha = new AlphaAccumulator(shares, level);
  const draws = new Int32Array(shares.units);
  const out = new Float64Array(samples);
  for (let b = 0; b < samples; b++) {
    sampler.sample(shares.units, draws);
    alpha.weights.fill(0);
    for (let i = 0; i < draws.length; i++) alpha.weights[draws[i]]++;
    out[b] = alpha.evaluate().alpha;
  }
  return out;
}

function checkValues(shares: UnitCoincidences, level: MeasurementLevel): void {
  if (level === 'nominal') return;
  if (shares.values.some((v) => typeof v !== 'number')) throw new NumericalError(`${level} data must be numbers; strings are only allowed at the nominal level`);
  if (level === 'ratio' && shares.values.some((v) => (v as number) < 0)) throw new NumericalError('ratio data must be non-negative (the ratio metric assumes an absolute zero)');
}

interface AlphaSums {
  readonly alpha: number;
  /** n · D_o = Σ o_ck δ²_ck. */
  readonly observed: number;
  /** n (n − 1) · D_e = Σ n_c n_k δ²_ck. */
  readonly expected: number;
  readonly n: number;
}

/**
 * α of a weighted set of units: weights[u] copies of unit u. Mutates its scratch arrays in place so
 * a bootstrap allocates nothing per replicate.
 */
class AlphaAccumulator {
  readonly weights: Float64Array;
  private readonly margins: Float64Array;
  private readonly position: Float64Array;
  /** Σ o_ck δ²_ck of each unit, for metrics that do not depend on the margins (all but ordinal). */
  private readonly unitObserved: Float64Array | null;

  constructor(
    private readonly shares: UnitCoincidences,
    private readonly level: MeasurementLevel,
  ) {
    this.weights = new Float64Array(shares.units);
    this.margins = new Float64Array(shares.values.length);
    this.position = new Float64Array(shares.values.length);
    this.unitObserved = null;
    if (level !== 'ordinal') {
      const x = shares.numeric;
      const delta2 =
        level === 'nominal'
          ? (c: number, k: number) => (c === k ? 0 : 1)
          : level === 'interval'
            ? (c: number, k: number) => (x[c] - x[k]) ** 2
            : (c: number, k: number) => (c === k ? 0 : ((x[c] - x[k]) / (x[c] + x[k])) ** 2);
      const observed = new Float64Array(shares.units);
      for (let u = 0; u < shares.units; u++) {
        let s = 0;
        for (let e = shares.entryStart[u]; e < shares.entryStart[u + 1]; e++) s += shares.entryWeight[e] * delta2(shares.entryRow[e], shares.entryCol[e]);
        observed[u] = s;
      }
      this.unitObserved = observed;
    }
  }

  evaluate(): AlphaSums {
    const { shares, weights, margins } = this;
    margins.fill(0);
    for (let u = 0; u < shares.units; u++) {
      const w = weights[u];
      if (w === 0) continue;
      for (let e = shares.countStart[u]; e < shares.countStart[u + 1]; e++) margins[shares.countValue[e]] += w * shares.count[e];
    }
    let n = 0;
    let present = 0;
    for (let c = 0; c < margins.length; c++) {
      n += margins[c];
      if (margins[c] > 0) present++;
    }

    let observed = 0;
    let expected: number;
    if (this.unitObserved) {
      for (let u = 0; u < shares.units; u++) observed += weights[u] * this.unitObserved[u];
      expected = this.level === 'ratio' ? ratioExpected(margins, shares.numeric) : this.level === 'nominal' ? nominalExpected(margins, n) : spreadExpected(margins, shares.numeric, n);
    } else {
      // Ordinal: δ_ck = Σ_{g=c..k} n_g − (n_c + n_k)/2 is the distance between the midranks
      // M_g = Σ_{h<g} n_h + n_g/2, so the metric is the interval metric on M and moves with the margins.
      const m = this.position;
      let below = 0;
      for (let c = 0; c < margins.length; c++) {
        m[c] = below + margins[c] / 2;
        below += margins[c];
      }
      for (let u = 0; u < shares.units; u++) {
        const w = weights[u];
        if (w === 0) continue;
        let s = 0;
        for (let e = shares.entryStart[u]; e < shares.entryStart[u + 1]; e++) s += shares.entryWeight[e] * (m[shares.entryRow[e]] - m[shares.entryCol[e]]) ** 2;
        observed += w * s;
      }
      expected = spreadExpected(margins, m, n);
    }
    // One value only: D_e is 0 in exact arithmetic; decide it by counting, not by rounding.
    const alpha = present < 2 || expected === 0 ? NaN : 1 - ((n - 1) * observed) / expected;
    return { alpha, observed, expected, n };
  }
}

/** Σ_c Σ_k n_c n_k [c ≠ k] = n² − Σ n_c². */
function nominalExpected(margins: Float64Array, n: number): number {
  let sq = 0;
  for (let c = 0; c < margins.length; c++) sq += margins[c] * margins[c];
  return n * n - sq;
}

/** Σ_c Σ_k n_c n_k (x_c − x_k)² = 2n Σ n_c (x_c − x̄)², centred to avoid cancellation. */
function spreadExpected(margins: Float64Array, x: Float64Array, n: number): number {
  let mean = 0;
  for (let c = 0; c < margins.length; c++) mean += margins[c] * x[c];
  mean /= n;
  let ss = 0;
  for (let c = 0; c < margins.length; c++) if (margins[c] > 0) ss += margins[c] * (x[c] - mean) ** 2;
  return 2 * n * ss;
}

/** Σ_c Σ_k n_c n_k ((x_c − x_k)/(x_c + x_k))², over the values present. */
function ratioExpected(margins: Float64Array, x: Float64Array): number {
  let s = 0;
  for (let c = 0; c < margins.length; c++) {
    if (margins[c] === 0) continue;
    for (let k = c + 1; k < margins.length; k++) {
      if (margins[k] === 0) continue;
      s += margins[c] * margins[k] * ((x[c] - x[k]) / (x[c] + x[k])) ** 2;
    }
  }
  return 2 * s;
}
