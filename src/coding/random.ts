import { SamplingRandom } from '../sampling/seeded-random.ts';

/**
 * First words of the MT19937 seed keys of the coding workflow: 'VDXA' for assignment and 'VDXE'
 * for simulated coder errors. Sampling uses 'VDXS' and the synthetic generator its own, so the
 * same user seed never gives the same stream to two purposes.
 */
const STREAM_KEYS = { assign: 0x56445841, simulate: 0x56445845 } as const;
export type CodingStream = keyof typeof STREAM_KEYS;

/**
 * SamplingRandom's MT19937 (initialised by array with [stream key, seed], exact uniform integers)
 * keyed for a coding stream, with uniform doubles and shuffles.
 */
export class CodingRandom extends SamplingRandom {
  constructor(seed: number, stream: CodingStream) {
    super(seed, STREAM_KEYS[stream]);
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
