import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { NumericalError } from '../contract/method.ts';

/**
 * Wald inference for one coefficient of a likelihood fit, as summary.glm / summary.coxph and
 * confint.default in R: z = estimate / SE, two-sided p = 2Φ(−|z|) (computed in the lower tail so
 * tiny p-values keep their digits), interval estimate ± z₍₁₊level₎/₂ · SE on the linear scale.
 */
export interface WaldRow {
  readonly z: number;
  readonly pValue: number;
  readonly lower: number;
  readonly upper: number;
}

export function waldCritical(level: number): number {
  if (!(level > 0 && level < 1)) throw new NumericalError(`level must be strictly between 0 and 1; got ${level}`);
  return normalQuantile((1 + level) / 2, 0, 1);
}

export function wald(estimate: number, standardError: number, critical: number): WaldRow {
  const z = estimate / standardError;
  return {
    z,
    pValue: 2 * normalCdf(-Math.abs(z), 0, 1),
    lower: estimate - critical * standardError,
    upper: estimate + critical * standardError,
  };
}
