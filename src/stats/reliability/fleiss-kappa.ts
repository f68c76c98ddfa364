import normalCdf from '@stdlib/stats-base-dists-normal-cdf';
import { NumericalError } from '../contract/method.ts';
import { categoryIndex, isMissing, sortedCategories, type Category, type Rating } from './categories.ts';

export interface FleissKappaResult {
  readonly kappa: number;
  /** Standard error under the null hypothesis κ = 0 (Fleiss 1971; Fleiss, Nee & Landis 1979). */
  readonly standardError: number;
  /** κ / SE. */
  readonly z: number;
  /** Two-sided p-value 2Φ(−|z|). */
  readonly pValue: number;
  /** Units used: those rated by every rater (irr drops the others with na.omit). */
  readonly subjects: number;
  readonly raters: number;
  readonly categories: readonly Category[];
  readonly warnings: readonly string[];
}

/**
 * Fleiss' κ for m raters (Fleiss 1971) with the standard error under κ = 0; matches R
 * irr::kappam.fleiss(ratings) (exact = FALSE): kappa, z and p. `ratings` is units × raters.
 * Units with a missing rating are dropped (as irr's na.omit), with a warning. All ratings in one
 * category gives expected agreement 1, so κ, SE, z and p are NaN, as in R, with a warning. Fewer
 * than 2 raters or no complete unit throws NumericalError.
 */
export function fleissKappa(ratings: ReadonlyArray<ArrayLike<Rating>>): FleissKappaResult {
  const raters = ratings.length > 0 ? ratings[0].length : 0;
  if (ratings.some((row) => row.length !== raters)) {
    throw new NumericalError('every unit must have one rating per rater (use null for a missing rating)');
  }
  if (raters < 2) throw new NumericalError(`Fleiss' kappa needs at least 2 raters; got ${raters}`);

  const complete = ratings.filter((row) => !Array.prototype.some.call(row, isMissing)) as ArrayLike<Category>[];
  const ns = complete.length;
  if (ns === 0) throw new NumericalError('Fleiss\' kappa needs at least one unit rated by every rater');
  const categories = sortedCategories(complete.flatMap((row) => Array.from(row)));
  const index = categoryIndex(categories);
  const k = categories.length;
  const nr = raters;

  // nᵢⱼ: raters putting unit i in category j; P̄ = mean over units of Σⱼ nᵢⱼ(nᵢⱼ − 1) / (nr(nr − 1)).
  const total = new Float64Array(k);
  const counts = new Float64Array(k);
  let agree = 0;
  for (const row of complete) {
    counts.fill(0);
    for (let r = 0; r < nr; r++) counts[index.get(row[r])!]++;
    let sq = 0;
    for (let j = 0; j < k; j++) {
      sq += counts[j] * counts[j];
      total[j] += counts[j];
    }
    agree += sq - nr;
  }
  // Integer sums divided once: with one category P̄ is then exactly 1, not 1 − ε (which gave −∞).
  agree /= nr * (nr - 1) * ns;
  let chance = 0;
  let pq = 0;
  let pqqp = 0;
  for (let j = 0; j < k; j++) {
    const p = total[j] / (ns * nr);
    const q = 1 - p;
    chance += p * p;
    pq += p * q;
    pqqp += p * q * (q - p);
  }
  const kappa = k < 2 ? NaN : (agree - chance) / (1 - chance);
  const variance = (2 / (pq * pq * (ns * nr * (nr - 1)))) * (pq * pq - pqqp);
  const standardError = Math.sqrt(variance);
  const z = kappa / standardError;

  const warnings: string[] = [];
  if (ns < ratings.length) warnings.push(`${ratings.length - ns} of ${ratings.length} units had a missing rating and were dropped`);
  if (Number.isNaN(kappa)) warnings.push('all ratings fall in one category, so kappa is undefined (0/0)');
  return {
    kappa,
    standardError,
    z,
    pValue: 2 * normalCdf(-Math.abs(z), 0, 1),
    subjects: ns,
    raters: nr,
    categories,
    warnings,
  };
}
