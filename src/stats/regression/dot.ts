/**
 * Σ a[ia + r] · b[ib + r] for r < m: the inner kernel of the fitting passes. Four independent
 * partial sums keep the floating-point adder busy (a single running sum waits on each addition),
 * which roughly halves the time of the XᵀWX-style accumulations; the summation order differs from
 * a plain loop only by rounding.
 */
export function dot(a: Float64Array, ia: number, b: Float64Array, ib: number, m: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let r = 0;
  for (const m4 = m - (m & 3); r < m4; r += 4) {
    s0 += a[ia + r] * b[ib + r];
    s1 += a[ia + r + 1] * b[ib + r + 1];
    s2 += a[ia + r + 2] * b[ib + r + 2];
    s3 += a[ia + r + 3] * b[ib + r + 3];
  }
  for (; r < m; r++) s0 += a[ia + r] * b[ib + r];
  return s0 + s1 + (s2 + s3);
}
