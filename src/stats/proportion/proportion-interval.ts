import { agrestiCoullInterval } from './agresti-coull.ts';
import { clopperPearsonInterval } from './clopper-pearson.ts';
import { jeffreysInterval } from './jeffreys.ts';
import { wilsonInterval, type ProportionInterval } from './wilson.ts';

export const PROPORTION_METHODS = ['wilson', 'clopper-pearson', 'agresti-coull', 'jeffreys'] as const;
export type ProportionMethod = (typeof PROPORTION_METHODS)[number];

const INTERVALS: Readonly<Record<ProportionMethod, (x: number, n: number, level: number) => ProportionInterval>> = {
  wilson: wilsonInterval,
  'clopper-pearson': clopperPearsonInterval,
  'agresti-coull': agrestiCoullInterval,
  jeffreys: jeffreysInterval,
};

/**
 * Confidence interval for a binomial proportion x/n by the named method (Brown, Cai & DasGupta
 * 2001); see each method's file for its R reference and boundary convention. An unknown method
 * throws.
 */
export function proportionInterval(x: number, n: number, method: ProportionMethod = 'wilson', level = 0.95): ProportionInterval {
  if (!Object.hasOwn(INTERVALS, method)) throw new RangeError(`unknown proportion interval method ${JSON.stringify(method)}`);
  return INTERVALS[method](x, n, level);
}
