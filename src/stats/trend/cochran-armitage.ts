import gammainc from '@stdlib/math-base-special-gammainc';

export interface TrendTest {
  /** Cochran–Armitage χ² on 1 df. */
  readonly statistic: number;
  readonly df: 1;
  readonly pValue: number;
}

/**
 * Cochran (1954)–Armitage (1955) test for a linear trend in proportions, as R
 * prop.trend.test(successes, totals, scores): χ² = (Σ xᵢsᵢ − p̂ Σ nᵢsᵢ)² / (p̂(1 − p̂) Σ nᵢ(sᵢ − s̄)²)
 * on 1 df (the regression sum of squares of xᵢ/nᵢ on sᵢ with weights nᵢ/(p̂(1 − p̂))). scores
 * default to 1, 2, …, k. Groups with total 0 are dropped (R drops their NaN proportion). No
 * successes, no failures, fewer than two groups left or all their scores equal leave nothing to
 * test: statistic and pValue are NaN. Mismatched lengths, successes outside [0, total] or
 * non-finite values throw RangeError.
 */
export function cochranArmitageTrend(successes: readonly number[], totals: readonly number[], scores?: readonly number[]): TrendTest {
  const k = successes.length;
  if (totals.length !== k) throw new RangeError(`successes and totals must have the same length, got ${k} and ${totals.length}`);
  if (scores !== undefined && scores.length !== k) throw new RangeError(`scores must have one value per group, got ${scores.length} for ${k} groups`);
  let xSum = 0;
  let nSum = 0;
  let nsSum = 0;
  let groups = 0;
  for (let i = 0; i < k; i++) {
    const x = successes[i]!;
    const n = totals[i]!;
    const s = scores ? scores[i]! : i + 1;
    if (!(n >= 0) || !Number.isFinite(n)) throw new RangeError(`totals must be finite and non-negative, got ${n}`);
    if (!(x >= 0 && x <= n)) throw new RangeError(`successes must lie in [0, total], got ${x} of ${n}`);
    if (!Number.isFinite(s)) throw new RangeError(`scores must be finite, got ${s}`);
    if (n === 0) continue;
    groups++;
    xSum += x;
    nSum += n;
    nsSum += n * s;
  }
  const p = groups > 0 ? xSum / nSum : NaN;
  const meanScore = nsSum / nSum;
  // Centred sums: Σ(xᵢ − nᵢp̂)(sᵢ − s̄) equals Σxᵢsᵢ − p̂Σnᵢsᵢ and keeps precision when scores are large.
  let cross = 0;
  let spread = 0;
  for (let i = 0; i < k; i++) {
    const n = totals[i]!;
    if (n === 0) continue;
    const d = (scores ? scores[i]! : i + 1) - meanScore;
    cross += (successes[i]! - n * p) * d;
    spread += n * d * d;
  }
  const variance = p * (1 - p) * spread;
  if (groups < 2 || !(variance > 0)) return { statistic: NaN, df: 1, pValue: NaN };
  const statistic = (cross * cross) / variance;
  // Upper regularised incomplete gamma Q(½, χ²/2) = P(χ²₁ > χ²), accurate far into the tail.
  return { statistic, df: 1, pValue: gammainc(statistic / 2, 0.5, true, true) };
}
