import type { SamplingDesign } from './design.ts';

/** One selected unit. */
export interface SampledUnit {
  readonly id: string;
  /** Stratum label, or null under simple random sampling. */
  readonly stratum: string | null;
  /** π = n_h / N_h. */
  readonly inclusionProbability: number;
  /** 1 / π = N_h / n_h. */
  readonly weight: number;
  /** N_h: the population size of the unit's stratum (N under SRS), the fpc the survey estimators take. */
  readonly stratumSize: number;
}

/** Population and sample size of one stratum (the whole frame, stratum null, under SRS). */
export interface StratumAllocation {
  readonly stratum: string | null;
  readonly populationSize: number;
  readonly sampleSize: number;
}

/** A drawn sample: frozen, and enough to redraw it (frame hash, design, PRNG and seed). */
export interface Sample {
  readonly design: SamplingDesign;
  /** frameHash of the frame drawn from. */
  readonly frameHash: string;
  /** N. */
  readonly frameSize: number;
  readonly prng: 'mt19937';
  readonly seed: number;
  /** One entry per stratum in label order (UTF-16 code-unit order). */
  readonly allocation: readonly StratumAllocation[];
  /** Selected units, by stratum (label order) then id. */
  readonly units: readonly SampledUnit[];
}
