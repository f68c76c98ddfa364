/**
 * Pair counts of an ordered r × c table, row-major in flat arrays (length r·c): for cell (i, j),
 * `concordant` holds the count of observations strictly above-left or below-right of it and
 * `discordant` those strictly above-right or below-left (DescTools ConDisPairs' pi.c and pi.d).
 * `concordantPairs` and `discordantPairs` are C = Σ n·πc / 2 and D = Σ n·πd / 2.
 */
export interface Concordance {
  readonly rows: number;
  readonly cols: number;
  /** Flat row-major copy of the counts. */
  readonly counts: Float64Array;
  readonly rowTotals: Float64Array;
  readonly colTotals: Float64Array;
  readonly total: number;
  readonly concordant: Float64Array;
  readonly discordant: Float64Array;
  readonly concordantPairs: number;
  readonly discordantPairs: number;
}

/** Checks that the table is a non-empty rectangle of finite non-negative counts; throws RangeError. */
export function checkCountTable(table: readonly (readonly number[])[]): void {
  if (table.length === 0 || table[0]!.length === 0) throw new RangeError('the table must have at least one row and one column');
  const c = table[0]!.length;
  for (const row of table) {
    if (row.length !== c) throw new RangeError('all rows of the table must have the same length');
    for (const v of row) if (!(v >= 0) || !Number.isFinite(v)) throw new RangeError(`counts must be finite and non-negative, got ${v}`);
  }
}

/**
 * Concordant and discordant counts per cell in O(r·c) from one table of cumulative sums
 * S(i, j) = Σ over rows < i and columns < j (ConDisPairs does the same sums in O(r²c²)).
 * The table must pass checkCountTable.
 */
export function concordance(table: readonly (readonly number[])[]): Concordance {
  checkCountTable(table);
  const r = table.length;
  const c = table[0]!.length;
  const counts = new Float64Array(r * c);
  const rowTotals = new Float64Array(r);
  const colTotals = new Float64Array(c);
  // cum has (r + 1) × (c + 1) entries; cum[i·(c+1) + j] = Σ counts over rows < i, columns < j.
  const w = c + 1;
  const cum = new Float64Array((r + 1) * w);
  for (let i = 0; i < r; i++) {
    const row = table[i]!;
    let running = 0;
    for (let j = 0; j < c; j++) {
      const v = row[j]!;
      counts[i * c + j] = v;
      rowTotals[i] += v;
      colTotals[j] += v;
      running += v;
      cum[(i + 1) * w + j + 1] = cum[i * w + j + 1]! + running;
    }
  }
  const total = cum[r * w + c]!;
  const concordant = new Float64Array(r * c);
  const discordant = new Float64Array(r * c);
  let twiceC = 0;
  let twiceD = 0;
  for (let i = 0; i < r; i++) {
    const above = cum[i * w + c]!; // all of rows < i
    const upTo = cum[(i + 1) * w + c]!; // all of rows ≤ i
    for (let j = 0; j < c; j++) {
      const left = cum[r * w + j]!; // all of columns < j
      const leftUpTo = cum[r * w + j + 1]!; // all of columns ≤ j
      const aboveLeft = cum[i * w + j]!;
      const belowRight = total - upTo - leftUpTo + cum[(i + 1) * w + j + 1]!;
      const aboveRight = above - cum[i * w + j + 1]!;
      const belowLeft = left - cum[(i + 1) * w + j]!;
      const k = i * c + j;
      const pc = aboveLeft + belowRight;
      const pd = aboveRight + belowLeft;
      concordant[k] = pc;
      discordant[k] = pd;
      twiceC += counts[k]! * pc;
      twiceD += counts[k]! * pd;
    }
  }
  return { rows: r, cols: c, counts, rowTotals, colTotals, total, concordant, discordant, concordantPairs: twiceC / 2, discordantPairs: twiceD / 2 };
}
