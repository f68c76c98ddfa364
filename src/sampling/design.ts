import type { AllocationRule } from './allocation.ts';

/** Simple random sampling without replacement of n units from the whole frame. */
export interface SimpleRandomDesign {
  readonly kind: 'srs';
  /** Sample size, 0 ≤ n ≤ N. */
  readonly n: number;
}

/** Stratified simple random sampling without replacement (independent SRSWOR in each stratum). */
export interface StratifiedDesign {
  readonly kind: 'stratified';
  /** Total sample size, 0 ≤ n ≤ N. */
  readonly n: number;
  readonly allocation: AllocationRule;
  /** Minimum sample size per stratum; default 0. Strata smaller than it are taken whole. */
  readonly minimumPerStratum?: number;
  /** Standard deviation S_h per stratum label (from a pilot or a prior estimate); required for 'neyman', ignored otherwise. */
  readonly standardDeviations?: Readonly<Record<string, number>>;
}

export type SamplingDesign = SimpleRandomDesign | StratifiedDesign;
