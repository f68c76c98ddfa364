import gammainc from '@stdlib/math-base-special-gammainc';

/**
 * Score (Rao) test for a log-linear trend in counts over equally exposed years, as R
 * anova(glm(count ~ year, family = poisson), test = "Rao"): under no trend every year expects the
 * mean count x̄, the score for the slope is U = Σ (sᵢ − s̄) xᵢ and its information x̄ Σ (sᵢ − s̄)²,
 * so χ² = U² / (x̄ Σ (sᵢ − s̄)²) on 1 df. Years must include those with a zero count. Fewer than
 * two years, no counts or one distinct year leave nothing to test: null.
 */
export function poissonTrend(counts: readonly number[], years: readonly number[]): { statistic: number; pValue: number } | null {
  const k = counts.length;
  if (years.length !== k) throw new RangeError(`counts and years must have the same length, got ${k} and ${years.length}`);
  if (k < 2) return null;
  const total = counts.reduce((a, b) => a + b, 0);
  const sBar = years.reduce((a, b) => a + b, 0) / k;
  const spread = years.reduce((a, s) => a + (s - sBar) ** 2, 0);
  if (!(total > 0) || !(spread > 0)) return null;
  const score = counts.reduce((a, x, i) => a + (years[i]! - sBar) * x, 0);
  const statistic = (score * score) / ((total / k) * spread);
  return { statistic, pValue: gammainc(statistic / 2, 0.5, true, true) };
}

/** Every year from the first to the last of `observed`, with 0 where no count was observed. */
export function fillYears(observed: ReadonlyMap<number, number>): { years: number[]; counts: number[] } {
  if (observed.size === 0) return { years: [], counts: [] };
  const first = Math.min(...observed.keys());
  const last = Math.max(...observed.keys());
  const years: number[] = [];
  const counts: number[] = [];
  for (let y = first; y <= last; y++) {
    years.push(y);
    counts.push(observed.get(y) ?? 0);
  }
  return { years, counts };
}
