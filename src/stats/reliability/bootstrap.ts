import mt19937 from '@stdlib/random-base-mt19937';
import { NumericalError } from '../contract/method.ts';

const TWO_32 = 4294967296;

/** Draws units with replacement from a seeded 32-bit Mersenne Twister; the same seed gives the same draws. */
export interface UnitSampler {
  /** Fills `out` with out.length unit indices drawn uniformly from 0 … units − 1. */
  sample(units: number, out: Int32Array): void;
}

/**
 * A seeded sampler of unit indices (Mersenne Twister, @stdlib/random-base-mt19937; seed an integer
 * in 1 … 2³² − 1). Indices are unbiased: a 32-bit draw is rejected when it falls in the incomplete
 * last block of 2³² mod units values, then reduced modulo units.
 */
export function unitSampler(seed: number): UnitSampler {
  if (!(Number.isInteger(seed) && seed >= 1 && seed < TWO_32)) {
    throw new NumericalError(`a bootstrap seed must be an integer from 1 to 4294967295; got ${seed}`);
  }
  const rand = mt19937.factory({ seed });
  return {
    sample(units: number, out: Int32Array): void {
      const limit = TWO_32 - (TWO_32 % units);
      for (let i = 0; i < out.length; i++) {
        let r = rand();
        while (r >= limit) r = rand();
        out[i] = r % units;
      }
    },
  };
}

export interface PercentileInterval {
  readonly lower: number;
  readonly upper: number;
}

/**
 * Percentile bootstrap interval (Efron & Tibshirani 1993, ch. 13): the (1 − level)/2 and
 * (1 + level)/2 quantiles of the replicates, with R's default quantile (type 7, linear
 * interpolation between order statistics). NaN replicates are ignored; none left gives NaN.
 */
export function percentileInterval(replicates: Float64Array, level: number): PercentileInterval {
  if (!(level > 0 && level < 1)) throw new NumericalError(`level must be strictly between 0 and 1; got ${level}`);
  const sorted = replicates.filter((x) => !Number.isNaN(x)).sort();
  return { lower: quantile7(sorted, (1 - level) / 2), upper: quantile7(sorted, (1 + level) / 2) };
}

function quantile7(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
