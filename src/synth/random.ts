import mt19937 from '@stdlib/random-base-mt19937';

/** The largest seed (seeds are unsigned 32-bit integers, 0 included). */
export const MAX_SEED = 4_294_967_295;

/** Fixed first word of the MT19937 seed key ('VDX1'), so that every 32-bit seed, 0 included, is a valid key. */
const SEED_KEY_PREFIX = 0x56445831;

/** A categorical distribution ready for sampling: codes and their cumulative probabilities. */
export interface Categorical<T extends string = string> {
  readonly codes: readonly T[];
  /** Cumulative probabilities, the last one exactly 1. */
  readonly cumulative: Float64Array;
}

/** Builds a categorical distribution from weights (any positive scale; normalised here). */
export function categorical<T extends string>(weights: Readonly<Record<T, number>>): Categorical<T> {
  const codes = Object.keys(weights) as T[];
  const total = codes.reduce((s, c) => s + weights[c], 0);
  if (!(total > 0) || codes.some((c) => !(weights[c] >= 0))) throw new RangeError('categorical weights must be non-negative with a positive sum');
  const cumulative = new Float64Array(codes.length);
  let acc = 0;
  codes.forEach((c, i) => {
    acc += weights[c];
    cumulative[i] = acc / total;
  });
  cumulative[codes.length - 1] = 1;
  return Object.freeze({ codes: Object.freeze(codes), cumulative });
}

/**
 * The seeded random source of the generator: the Mersenne Twister MT19937 (Matsumoto & Nishimura
 * 1998) of @stdlib/random-base-mt19937, initialised by array (init_by_array) with the key
 * [0x56445831, seed], and its 32-bit outputs scaled to [0, 1). One instance per generated file; the
 * order of draws is part of the output's definition, so changing it changes every file (allowed
 * between versions of Vindex, never within one).
 *
 * Seeds are integers 0 … 2³² − 1; other values throw a RangeError.
 */
export class Random {
  private readonly next: () => number;

  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new RangeError(`seed must be a whole number from 0 to ${MAX_SEED}`);
    this.next = mt19937.factory({ seed: [SEED_KEY_PREFIX, seed] });
  }

  /** Uniform on [0, 1), 32-bit resolution. */
  uniform(): number {
    return this.next() / 4_294_967_296;
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.uniform() < p;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /** Standard normal by the Box–Muller transform (the cosine half; each call uses exactly two draws). */
  normal(): number {
    const u = 1 - this.uniform(); // (0, 1]
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }

  /** Log-normal with the given median and log-scale standard deviation. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A code drawn from a categorical distribution (linear scan; the sets here are small). */
  pick<T extends string>(d: Categorical<T>): T {
    const u = this.uniform();
    const cum = d.cumulative;
    let i = 0;
    while (i < cum.length - 1 && u >= cum[i]) i++;
    return d.codes[i];
  }
}
