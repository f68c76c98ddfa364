import { NumericalError } from '../contract/method.ts';
import { categoryIndex, isMissing, sortedCategories, type Category, type Rating } from './categories.ts';

/**
 * Reliability data reduced to its pairable units, each unit's share of Krippendorff's coincidence
 * matrix kept separately (compressed sparse rows: unit u owns entries entryStart[u] … entryStart[u+1]).
 * Unit u with mᵤ values, cᵤ(v) of them equal to v, adds oᵤ(v, w) = cᵤ(v)(cᵤ(w) − [v = w]) / (mᵤ − 1)
 * to cell (v, w); its row sums are cᵤ(v), its values' counts (Krippendorff 2011, section C).
 * Keeping the units apart lets a bootstrap resample units by re-weighting these shares.
 */
export interface UnitCoincidences {
  /** The distinct pairable values in order (numbers by value, strings in code-unit order). */
  readonly values: readonly Category[];
  /** Numeric values as numbers, for the interval and ratio metrics (NaN for strings). */
  readonly numeric: Float64Array;
  /** Pairable units (mᵤ ≥ 2). */
  readonly units: number;
  /** Units with fewer than two values, which cannot be paired and are left out. */
  readonly droppedUnits: number;
  readonly entryStart: Int32Array;
  readonly entryRow: Int32Array;
  readonly entryCol: Int32Array;
  readonly entryWeight: Float64Array;
  readonly countStart: Int32Array;
  readonly countValue: Int32Array;
  readonly count: Float64Array;
}

/** Builds the per-unit coincidences of coders × units data; null, undefined and NaN are missing. */
export function unitCoincidences(data: ReadonlyArray<ArrayLike<Rating>>): UnitCoincidences {
  const coders = data.length;
  if (coders === 0) throw new NumericalError('reliability data need at least one coder (one row per coder)');
  const unitCount = data[0].length;
  if (data.some((row) => row.length !== unitCount)) {
    throw new NumericalError('every coder must have one entry per unit (use null for a missing value)');
  }

  const columns: Category[][] = [];
  let droppedUnits = 0;
  for (let u = 0; u < unitCount; u++) {
    const column: Category[] = [];
    for (let c = 0; c < coders; c++) {
      const v = data[c][u];
      if (!isMissing(v)) column.push(v);
    }
    if (column.length >= 2) columns.push(column);
    else droppedUnits++;
  }

  const values = sortedCategories(columns.flat());
  const index = categoryIndex(values);
  const numeric = Float64Array.from(values, (v) => (typeof v === 'number' ? v : NaN));

  const entryStart = new Int32Array(columns.length + 1);
  const countStart = new Int32Array(columns.length + 1);
  const rows: number[] = [];
  const cols: number[] = [];
  const weights: number[] = [];
  const countValue: number[] = [];
  const count: number[] = [];
  const tally = new Map<number, number>();
  columns.forEach((column, u) => {
    tally.clear();
    for (const v of column) {
      const i = index.get(v)!;
      tally.set(i, (tally.get(i) ?? 0) + 1);
    }
    const m = column.length;
    const present = [...tally.keys()].sort((a, b) => a - b);
    for (const i of present) {
      countValue.push(i);
      count.push(tally.get(i)!);
      for (const j of present) {
        const ci = tally.get(i)!;
        const cj = tally.get(j)!;
        const pairs = i === j ? ci * (ci - 1) : ci * cj;
        if (pairs === 0) continue;
        rows.push(i);
        cols.push(j);
        weights.push(pairs / (m - 1));
      }
    }
    entryStart[u + 1] = rows.length;
    countStart[u + 1] = countValue.length;
  });

  return {
    values,
    numeric,
    units: columns.length,
    droppedUnits,
    entryStart,
    entryRow: Int32Array.from(rows),
    entryCol: Int32Array.from(cols),
    entryWeight: Float64Array.from(weights),
    countStart,
    countValue: Int32Array.from(countValue),
    count: Float64Array.from(count),
  };
}
