/** fisher.test's tolerance for ties with the observed table in the 2 × 2 case (relErr = 1 + 1e−7). */
const RELATIVE_TIES = 1 + 1e-7;

/**
 * Two-sided Fisher exact p for the 2 × 2 table [[a, b], [c, d]]: the sum of the hypergeometric
 * probabilities of a (margins fixed) that are ≤ P(observed)·(1 + 1e−7), as R fisher.test. The
 * probabilities are built from the mode outwards by the ratio P(k + 1)/P(k), which keeps full
 * relative precision for any n, and the walk stops where they underflow to 0 (as R's
 * exp(log d − max) does), so the work is O(√n) whatever n.
 */
export function fisherExact2x2(a: number, b: number, c: number, d: number): number {
  // R's names: m, n are the column totals, k the first row total, x the observed [1, 1] cell.
  const m = a + c;
  const n = b + d;
  const k = a + b;
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  if (lo === hi) return 1;
  const up = (x: number): number => ((m - x) * (k - x)) / ((x + 1) * (n - k + x + 1));
  const mode = Math.min(hi, Math.max(lo, Math.floor(((k + 1) * (m + 1)) / (m + n + 2))));
  let observed = 1;
  if (a > mode) for (let x = mode; x < a && observed > 0; x++) observed *= up(x);
  else for (let x = mode; x > a && observed > 0; x--) observed /= up(x - 1);
  const cutoff = observed * RELATIVE_TIES;
  let total = 1;
  let tail = 1 <= cutoff ? 1 : 0;
  let p = 1;
  for (let x = mode; x < hi; x++) {
    p *= up(x);
    if (p === 0) break;
    total += p;
    if (p <= cutoff) tail += p;
  }
  p = 1;
  for (let x = mode; x > lo; x--) {
    p /= up(x - 1);
    if (p === 0) break;
    total += p;
    if (p <= cutoff) tail += p;
  }
  return Math.min(1, tail / total);
}
