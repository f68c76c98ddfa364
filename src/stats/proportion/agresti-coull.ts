import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { checkBinomialArguments } from './binomial-arguments.ts';
import type { ProportionInterval } from './wilson.ts';

/**
 * Agresti & Coull (1998) interval as in Brown, Cai & DasGupta (2001, §4.1.2): ñ = n + z²,
 * p̃ = (x + z²/2)/ñ, p̃ ± z·√(p̃(1 − p̃)/ñ), clipped to [0, 1] (the formula alone can leave it near
 * x = 0 or x = n). estimate is x/n, which the interval always contains (it contains Wilson's).
 * n = 0 throws.
 */
export function agrestiCoullInterval(x: number, n: number, level = 0.95): ProportionInterval {
  checkBinomialArguments(x, n, level);
  const z = normalQuantile((1 + level) / 2, 0, 1);
  const nTilde = n + z * z;
  const pTilde = (x + (z * z) / 2) / nTilde;
  const half = z * Math.sqrt((pTilde * (1 - pTilde)) / nTilde);
  return {
    estimate: x / n,
    lower: Math.max(0, pTilde - half),
    upper: Math.min(1, pTilde + half),
  };
}
