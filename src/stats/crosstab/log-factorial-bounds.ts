/**
 * Bounds on Σ log nᵢⱼ! over the integer tables with given row and column totals (the
 * transportation polytope), for pruning the Fisher network algorithm. Both are relaxations, so
 * they are valid bounds, never estimates: the least sum comes from the Lagrangian relaxation of
 * the row totals (rows priced at αᵢ = log(sᵢ + ½), near the independence table's multipliers; any
 * α is a valid bound, and each column then allocates its units greedily to the cheapest marginal
 * log t − αᵢ, which is exact for a separable convex cost), the most from filling each column (or
 * each row) into its largest caps, ignoring the other margin. `lf` is k ↦ log k!.
 */

/** Lower bound on min Σ log n! over tables with row totals `rows` and column totals `cols`. */
export function leastLogFactorialSum(rows: ArrayLike<number>, cols: ArrayLike<number>, lf: (k: number) => number): number {
  return Math.max(lagrangianLeast(rows, cols, lf), lagrangianLeast(cols, rows, lf));
}

/** Upper bound on max Σ log n! over tables with row totals `rows` and column totals `cols`. */
export function mostLogFactorialSum(rows: ArrayLike<number>, cols: ArrayLike<number>, lf: (k: number) => number): number {
  return Math.min(concentrated(rows, cols, lf), concentrated(cols, rows, lf));
}

function lagrangianLeast(rows: ArrayLike<number>, cols: ArrayLike<number>, lf: (k: number) => number): number {
  const r = rows.length;
  const alpha = new Float64Array(r);
  const n = new Int32Array(r);
  let bound = 0;
  for (let i = 0; i < r; i++) {
    alpha[i] = Math.log(rows[i]! + 0.5);
    bound += alpha[i]! * rows[i]!;
  }
  for (let l = 0; l < cols.length; l++) {
    n.fill(0);
    for (let unit = 0; unit < cols[l]!; unit++) {
      let best = -1;
      let bestCost = Infinity;
      for (let i = 0; i < r; i++) {
        if (n[i]! >= rows[i]!) continue;
        const cost = Math.log(n[i]! + 1) - alpha[i]!;
        if (cost < bestCost) {
          bestCost = cost;
          best = i;
        }
      }
      n[best]!++;
    }
    for (let i = 0; i < r; i++) bound += lf(n[i]!) - alpha[i]! * n[i]!;
  }
  return bound;
}

/** Each column of `cols` poured into the largest `rows` first: Σ log n! can be no larger. */
function concentrated(rows: ArrayLike<number>, cols: ArrayLike<number>, lf: (k: number) => number): number {
  const caps = Array.from(rows).sort((a, b) => b - a);
  let sum = 0;
  for (let l = 0; l < cols.length; l++) {
    let rest = cols[l]!;
    for (let i = 0; i < caps.length && rest > 0; i++) {
      const take = Math.min(caps[i]!, rest);
      sum += lf(take);
      rest -= take;
    }
  }
  return sum;
}
