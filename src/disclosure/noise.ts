import mt19937 from '@stdlib/random-base-mt19937';
import { VindexError } from '../errors.js';

/**
 * Differential privacy for counts: the two-sided geometric mechanism (Ghosh, Roughgarden &
 * Sundararajan 2009). For a count query of sensitivity 1 and budget ε the noise Z has
 * P(Z = z) = (1 − α)/(1 + α) · α^|z| with α = e^−ε (mean 0, variance 2α/(1 − α)²); it is drawn
 * as the difference of two independent geometric variables on {0, 1, …} with success
 * probability 1 − α, each by inversion ⌊ln U / ln α⌋. Noisy counts are clamped at 0 —
 * post-processing, which cannot weaken the guarantee (Dwork & Roth 2014, Prop. 2.1). Additivity
 * between noisy cells is not kept: each cell is its own query.
 */

/** Fixed first word of the MT19937 seed key ('VDXN'), distinct from sampling ('VDXS') and synthesis. */
const SEED_KEY_PREFIX = 0x5644584e;
const MAX_SEED = 4_294_967_295;

export interface PrivacyBudget {
  readonly mechanism: 'two-sided-geometric';
  /** Sensitivity of each count query (one person changes a count by at most 1). */
  readonly sensitivity: 1;
  readonly epsilonPerCell: number;
  readonly cells: number;
  /** cells × ε: sequential composition (Dwork & Roth 2014, Thm 3.14), the conservative total. */
  readonly totalEpsilon: number;
  readonly prng: 'mt19937';
  readonly seed: number;
}

export interface NoisyCounts {
  readonly values: readonly number[];
  readonly budget: PrivacyBudget;
}

/** Uniform double in (0, 1] with 53 random bits (Matsumoto & Nishimura's genrand_res53, reflected). */
function uniformOpenZero(next: () => number): number {
  const a = next() >>> 5;
  const b = next() >>> 6;
  return 1 - (a * 67108864 + b) / 9007199254740992;
}

/** A seeded two-sided geometric sampler with α = e^−ε. */
export function geometricNoise(epsilon: number, seed: number): () => number {
  if (!(epsilon > 0) || !Number.isFinite(epsilon)) throw new VindexError('VDX_DISCLOSURE_TABLE', `ε must be a positive number, got ${epsilon}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw new VindexError('VDX_DISCLOSURE_TABLE', `seed must be a whole number from 0 to ${MAX_SEED}, got ${seed}`);
  const next = mt19937.factory({ seed: [SEED_KEY_PREFIX, seed] });
  const logAlpha = -epsilon;
  const geometric = (): number => Math.floor(Math.log(uniformOpenZero(next)) / logAlpha);
  return () => geometric() - geometric();
}

/** Adds two-sided geometric noise with budget ε to each count and clamps at 0. */
export function noisyCounts(counts: readonly number[], epsilon: number, seed: number): NoisyCounts {
  const draw = geometricNoise(epsilon, seed);
  const values = counts.map((c, i) => {
    if (!Number.isInteger(c) || c < 0) throw new VindexError('VDX_DISCLOSURE_TABLE', `count ${i} is ${c}, not a non-negative whole number`);
    return Math.max(0, c + draw());
  });
  return Object.freeze({
    values: Object.freeze(values),
    budget: Object.freeze({ mechanism: 'two-sided-geometric', sensitivity: 1, epsilonPerCell: epsilon, cells: counts.length, totalEpsilon: epsilon * counts.length, prng: 'mt19937', seed }),
  });
}
