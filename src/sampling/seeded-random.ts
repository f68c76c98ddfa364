import mt19937 from '@stdlib/random-base-mt19937';

/** The largest seed (seeds are unsigned 32-bit integers, 0 included). */
export const MAX_SAMPLING_SEED = 4_294_967_295;

/** The name recorded in every Sample. */
export const SAMPLING_PRNG = 'mt19937';

/** Fixed first word of the MT19937 seed key ('VDXS'), distinct from the synthetic generator's, so the two never share a stream. */
const SEED_KEY_PREFIX = 0x56445853;

const TWO_32 = 4_294_967_296;

/**
 * The random source of sample selection: MT19937 (Matsumoto & Nishimura 1998) from
 * @stdlib/random-base-mt19937, initialised by array (init_by_array) with the key
 * [0x56445853, seed]. Seeds are integers 0 … 2³² − 1; other values throw a RangeError. Other
 * purposes (coding assignment, simulated coders) pass their own first key word, so no two
 * purposes share a stream for the same seed.
 */
export class SamplingRandom {
  protected readonly next: () => number;

  constructor(seed: number, keyPrefix: number = SEED_KEY_PREFIX) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SAMPLING_SEED) {
      throw new RangeError(`seed must be a whole number from 0 to ${MAX_SAMPLING_SEED}`);
    }
    this.next = mt19937.factory({ seed: [keyPrefix, seed] });
  }

  /**
   * Uniform integer in [0, n) for 1 ≤ n ≤ 2³², exactly uniform: 32-bit outputs at or above the
   * largest multiple of n below 2³² are rejected and redrawn (rejection sampling; Knuth, TAOCP
   * vol. 2, §3.4.1), then reduced modulo n.
   */
  int(n: number): number {
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const x = this.next();
      if (x < limit) return x % n;
    }
  }
}
