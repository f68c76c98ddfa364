/** Fractional parts closer than this are ties (so floating-point noise in N_h·S_h never decides a unit). */
export const REMAINDER_TIE = 1e-9;

/** The allocation rules of a stratified design. */
export const ALLOCATION_RULES = ['proportional', 'equal', 'neyman'] as const;
export type AllocationRule = (typeof ALLOCATION_RULES)[number];

export interface AllocationInput {
  /** Population size N_h of each stratum (positive integers), in stratum order. */
  readonly populationSizes: readonly number[];
  /** Total sample size n, 0 ≤ n ≤ Σ N_h. */
  readonly n: number;
  readonly rule: AllocationRule;
  /** Standard deviation S_h of each stratum (finite, ≥ 0, not all 0), same order; required for 'neyman' only. */
  readonly standardDeviations?: readonly number[];
  /** Minimum sample size per stratum (a whole number ≥ 0); default 0. A stratum smaller than it is taken whole. */
  readonly minimumPerStratum?: number;
}

/**
 * Sample sizes n_h per stratum that sum exactly to n, with min(m, N_h) ≤ n_h ≤ N_h.
 *
 * Method. The target share of stratum h is proportional to N_h (proportional), 1 (equal) or
 * N_h·S_h (Neyman 1934; Cochran 1977, §5.5). Bounds first: a stratum whose share exceeds N_h is
 * taken whole, a stratum whose share is below the minimum m gets min(m, N_h), and the remaining
 * sample is shared again among the other strata; this repeats (upper bounds before lower ones)
 * until no share breaks a bound. Rounding is by largest remainder (Hamilton's method): each free
 * stratum gets the floor of its share, and the units left over go one each to the strata with the
 * largest fractional parts, ties (parts within REMAINDER_TIE = 1e-9) to the earlier stratum in
 * stratum order. Rounding never takes a
 * stratum past N_h (a share ≤ N_h rounds up to at most ⌈share⌉ ≤ N_h) or below m.
 *
 * Edge cases. If Σ min(m, N_h) > n the minimum cannot be met and a RangeError is thrown (nothing
 * is drawn). n = Σ N_h is a census: every n_h = N_h. Neyman strata with S_h = 0 get only the
 * minimum; if every free stratum has S_h = 0 the remainder is shared proportionally to N_h.
 * n_h may be 0 (for instance a small stratum under proportional allocation with no minimum).
 */
export function allocate(input: AllocationInput): number[] {
  const { populationSizes: sizes, n, rule } = input;
  const minimum = input.minimumPerStratum ?? 0;
  const H = sizes.length;
  if (H === 0) throw new RangeError('allocation needs at least one stratum');
  if (sizes.some((N) => !Number.isInteger(N) || N < 1)) throw new RangeError('stratum population sizes must be whole numbers ≥ 1');
  const total = sizes.reduce((s, N) => s + N, 0);
  if (!Number.isInteger(n) || n < 0 || n > total) throw new RangeError(`sample size must be a whole number from 0 to ${total} (the frame size)`);
  if (!Number.isInteger(minimum) || minimum < 0) throw new RangeError('minimumPerStratum must be a whole number ≥ 0');
  if (!(ALLOCATION_RULES as readonly string[]).includes(rule)) throw new RangeError(`unknown allocation rule: ${String(rule)}`);

  let weights: number[];
  if (rule === 'neyman') {
    const sd = input.standardDeviations;
    if (sd === undefined || sd.length !== H) throw new RangeError('Neyman allocation needs one standard deviation per stratum');
    if (sd.some((s) => !Number.isFinite(s) || s < 0)) throw new RangeError('standard deviations must be finite and ≥ 0');
    if (sd.every((s) => s === 0)) throw new RangeError('Neyman allocation needs a positive standard deviation in at least one stratum');
    weights = sizes.map((N, h) => N * sd[h]);
  } else {
    weights = rule === 'equal' ? sizes.map(() => 1) : sizes.slice();
  }

  const lower = sizes.map((N) => Math.min(minimum, N));
  const lowerSum = lower.reduce((s, l) => s + l, 0);
  if (lowerSum > n) {
    throw new RangeError(`the minimum of ${minimum} per stratum needs ${lowerSum} units but the sample size is ${n}`);
  }

  // fixed[h] is the integer size of a stratum held at a bound, or null while it is free.
  const fixed: (number | null)[] = sizes.map(() => null);
  let shares = sizes.map(() => 0);
  for (;;) {
    const free = fixed.flatMap((f, h) => (f === null ? [h] : []));
    const remaining = n - fixed.reduce<number>((s, f) => s + (f ?? 0), 0);
    let weightSum = free.reduce((s, h) => s + weights[h], 0);
    const w = weightSum > 0 ? weights : sizes;
    if (!(weightSum > 0)) weightSum = free.reduce((s, h) => s + sizes[h], 0);
    shares = sizes.map(() => 0);
    for (const h of free) shares[h] = (remaining * w[h]) / weightSum;
    const over = free.filter((h) => shares[h] > sizes[h]);
    if (over.length > 0) {
      for (const h of over) fixed[h] = sizes[h];
      continue;
    }
    const under = free.filter((h) => shares[h] < lower[h]);
    if (under.length > 0) {
      for (const h of under) fixed[h] = lower[h];
      continue;
    }
    break;
  }

  const result = sizes.map((_, h) => fixed[h] ?? Math.floor(shares[h]));
  let leftover = n - result.reduce((s, x) => s + x, 0);
  const byRemainder = fixed
    .flatMap((f, h) => (f === null ? [h] : []))
    .sort((a, b) => {
      const d = shares[b] - Math.floor(shares[b]) - (shares[a] - Math.floor(shares[a]));
      return Math.abs(d) > REMAINDER_TIE ? d : a - b;
    });
  for (const h of byRemainder) {
    if (leftover === 0) break;
    if (result[h] < sizes[h]) {
      result[h]++;
      leftover--;
    }
  }
  if (leftover !== 0) throw new Error(`internal: allocation left ${leftover} units unplaced`);
  return result;
}
