import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { checkBinomialArguments } from './binomial-arguments.ts';
import type { ProportionInterval } from './wilson.ts';

/**
 * Jeffreys equal-tailed interval, Brown, Cai & DasGupta (2001, §4.1.3): the α/2 and 1 − α/2
 * quantiles of Beta(x + ½, n − x + ½) (R qbeta), with lower = 0 at x = 0 and upper = 1 at x = n
 * (BCD's boundary convention; their further modification at x = 1 and n − 1 is not applied).
 * n = 0 throws.
 */
export function jeffreysInterval(x: number, n: number, level = 0.95): ProportionInterval {
  checkBinomialArguments(x, n, level);
  const alpha = (1 - level) / 2;
  return {
    estimate: x / n,
    lower: x === 0 ? 0 : betaQuantile(alpha, x + 0.5, n - x + 0.5),
    upper: x === n ? 1 : betaQuantile(1 - alpha, x + 0.5, n - x + 0.5),
  };
}
