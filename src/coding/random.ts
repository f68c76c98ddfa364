import mt19937 from '@stdlib/random-base-mt19937';
import { MAX_SAMPLING_SEED } from '../sampling/seeded-random.ts';

/**
 * First words of the MT19937 seed keys of the coding workflow: 'VDXA' for assignment and 'VDXE'
 * for simulated coder errors. Sampling uses 'VDXS' and the synthetic generator its own, so the
 * same user seed never gives the same stream to two purposes.
 */
const STREAM_KEYS = { assign: 0x56445841, simulate: 0x56445845 } as const;
export type CodingStream = keyof typeof STREAM_KEYS;

const TWO_32 = 4_294_967_296;

/**
 * MT19937 (Matsumoto & Nishimura 1998, @stdlib/random-base-mt19937) initialised by array with
 * [stream key, seed], the same construction as SamplingRandom.
 */
export class CodingRandom {
  private readonly next: () => number;

  constructor(seed: number, stream: CodingStream) {
    if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SAMPLING_SEED) throw new RangeError(`seed must be a whole number from 0 to ${MAX_SAMPLING_SEED}`);
    this.next = mt19937.factory({ seed: [STREAM_KEYS[stream], seed] });
  }

  /** Uniform integer in [0, n), exact by rejection of the incomplete top block (Knuth TAOCP 2 §3.4.1). */
  int(n: number): number {
    const limit = TWO_32 - (TWO_32 % n);
    for (;;) {
      const x = this.next();
      if (x < limit) return x % n;
    }
  }

  /** Uniform double in [0, 1) with 53 random bits (genrand_res53 of the MT19937 reference code). */
  uniform(): number {
    const a = this.next() >>> 5;
    const b = this.next() >>> 6;
    return (a * 67_108_864 + b) / 9_007_199_254_740_992;
  }

  /** Fisher–Yates shuffle (Knuth TAOCP 2 Algorithm P) of a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}
