import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import gammainc from '@stdlib/math-base-special-gammainc';
import { fisherExact } from './fisher-exact.ts';

export interface ChiSquareTest {
  readonly statistic: number;
  readonly df: number;
  readonly pValue: number;
}

export interface CrosstabResult {
  readonly chiSquare: ChiSquareTest;
  readonly likelihoodRatio: ChiSquareTest;
  readonly cramersV: number;
  readonly expected: number[][];
  readonly adjustedResiduals: number[][];
  readonly fisherExactP: number | null;
}

/** Upper tail of χ²(df), accurate for tiny p (regularised upper incomplete gamma). */
export function chiSquareUpper(statistic: number, df: number): number {
  if (!(df > 0) || !Number.isFinite(statistic)) return NaN;
  if (statistic <= 0) return 1;
  const p = gammainc(statistic / 2, df / 2, true, true);
  return Number.isFinite(p) ? p : 1 - chisquareCdf(statistic, df);
}

export interface CrosstabOptions {
  /** Compute the Fisher exact p (default true); false skips it, for speed on large tables. */
  readonly fisher?: boolean;
  /** Work budget of the r × c Fisher network algorithm (fisher-exact.ts); default FISHER_DEFAULT_BUDGET. */
  readonly fisherBudget?: number;
}

/**
 * Pearson χ² without continuity correction (R chisq.test(correct = FALSE)), likelihood-ratio G²,
 * Cramér's V = sqrt(χ² / (n (min(r, c) − 1))), expected counts and adjusted (standardised)
 * residuals (chisq.test()$stdres), and the Fisher exact p of fisher.test (fisher-exact.ts).
 * Rows and columns whose total is 0 are dropped before df and the statistics (they carry no
 * information); fewer than 2 non-empty rows or columns gives NaN. fisherExactP is null when
 * skipped, when a count is not a whole number, and when an r × c table is beyond the work
 * budget; with fewer than 2 non-empty rows or columns (an all-zero table too) it is 1, as
 * fisher.test.
 */
export function crosstab(table: readonly (readonly number[])[], options: CrosstabOptions = {}): CrosstabResult {
  const r0 = table.length;
  const c0 = r0 ? table[0]!.length : 0;
  for (const row of table) {
    if (row.length !== c0) throw new RangeError('all rows of the table must have the same length');
    for (const v of row) if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`counts must be finite and non-negative, got ${v}`);
  }
  const rowSum = table.map((row) => row.reduce((a, b) => a + b, 0));
  const colSum = Array.from({ length: c0 }, (_, j) => table.reduce((a, row) => a + row[j]!, 0));
  const n = rowSum.reduce((a, b) => a + b, 0);
  const rows = rowSum.filter((s) => s > 0).length;
  const cols = colSum.filter((s) => s > 0).length;
  const expected = table.map((_, i) => colSum.map((cs) => (n > 0 ? (rowSum[i]! * cs) / n : NaN)));
  const adjustedResiduals = table.map((row, i) =>
    row.map((o, j) => {
      const e = expected[i]![j]!;
      const v = e * (1 - rowSum[i]! / n) * (1 - colSum[j]! / n);
      return v > 0 ? (o - e) / Math.sqrt(v) : NaN;
    }),
  );
  const df = (rows - 1) * (cols - 1);
  const fisherExactP =
    options.fisher === false || !(n > 0) || !table.every((row) => row.every(Number.isSafeInteger))
      ? null
      : fisherExact(table, options.fisherBudget === undefined ? {} : { budget: options.fisherBudget });
  if (rows < 2 || cols < 2) {
    const none = { statistic: NaN, df: Math.max(df, 0), pValue: NaN };
    return { chiSquare: none, likelihoodRatio: none, cramersV: NaN, expected, adjustedResiduals, fisherExactP };
  }
  let x2 = 0;
  let g2 = 0;
  for (let i = 0; i < r0; i++) {
    if (rowSum[i] === 0) continue;
    for (let j = 0; j < c0; j++) {
      if (colSum[j] === 0) continue;
      const o = table[i]![j]!;
      const e = expected[i]![j]!;
      x2 += ((o - e) * (o - e)) / e;
      if (o > 0) g2 += 2 * o * Math.log(o / e);
    }
  }
  return {
    chiSquare: { statistic: x2, df, pValue: chiSquareUpper(x2, df) },
    likelihoodRatio: { statistic: g2, df, pValue: chiSquareUpper(g2, df) },
    cramersV: Math.sqrt(x2 / (n * (Math.min(rows, cols) - 1))),
    expected,
    adjustedResiduals,
    fisherExactP,
  };
}
