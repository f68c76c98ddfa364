import { fisherExact2x2 } from './fisher-2x2.ts';
import { fisherExactNetwork } from './fisher-network.ts';

/** Work units (pasts pushed, completions listed) the r × c network algorithm may spend before giving up: under a second. */
export const FISHER_DEFAULT_BUDGET = 3_000_000;

export interface FisherExactOptions {
  /** Most work units for an r × c table before returning null; default FISHER_DEFAULT_BUDGET. */
  readonly budget?: number;
}

/**
 * Two-sided Fisher exact test, p-value of R fisher.test(table) (conditional on both margins;
 * tables no more probable than the observed one, ties within R's tolerance). Empty rows and
 * columns are dropped first; a 2 × 2 table (after dropping) is exact for any n, larger tables use
 * the network algorithm and give null when it would take more than `budget` steps. Margins that
 * admit only one table (fewer than 2 non-empty rows or columns, including an all-zero table) give
 * 1, as fisher.test on a 2 × 2 table. Counts must be non-negative whole numbers (RangeError).
 */
export function fisherExact(table: readonly (readonly number[])[], options: FisherExactOptions = {}): number | null {
  const c0 = table.length ? table[0]!.length : 0;
  for (const row of table) {
    if (row.length !== c0) throw new RangeError('all rows of the table must have the same length');
    for (const v of row) if (!(v >= 0) || !Number.isSafeInteger(v)) throw new RangeError(`counts must be non-negative whole numbers, got ${v}`);
  }
  const rowTotals = table.map((row) => row.reduce((a, b) => a + b, 0));
  const colTotals = Array.from({ length: c0 }, (_, j) => table.reduce((a, row) => a + row[j]!, 0));
  const keepRows = rowTotals.flatMap((t, i) => (t > 0 ? [i] : []));
  const keepCols = colTotals.flatMap((t, j) => (t > 0 ? [j] : []));
  if (keepRows.length < 2 || keepCols.length < 2) return 1;
  const cells = keepRows.map((i) => keepCols.map((j) => table[i]![j]!));
  if (cells.length === 2 && keepCols.length === 2) return fisherExact2x2(cells[0]![0]!, cells[0]![1]!, cells[1]![0]!, cells[1]![1]!);
  return fisherExactNetwork(
    keepRows.map((i) => rowTotals[i]!),
    keepCols.map((j) => colTotals[j]!),
    cells,
    options.budget ?? FISHER_DEFAULT_BUDGET,
  );
}
