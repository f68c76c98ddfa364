import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import { checkBinomialArguments } from './binomial-arguments.ts';
import type { ProportionInterval } from './wilson.ts';

/**
 * Clopper & Pearson (1934) exact interval from beta quantiles; matches R binom.test(x, n,
 * conf.level = level)$conf.int. lower = 0 at x = 0 and upper = 1 at x = n (as binom.test);
 * n = 0 throws.
 */
export function clopperPearsonInterval(x: number, n: number, level = 0.95): ProportionInterval {
  checkBinomialArguments(x, n, level);
  const alpha = (1 - level) / 2;
  return {
    estimate: x / n,
    lower: x === 0 ? 0 : betaQuantile(alpha, x, n - x + 1),
    upper: x === n ? 1 : betaQuantile(1 - alpha, x + 1, n - x),
  };
}
