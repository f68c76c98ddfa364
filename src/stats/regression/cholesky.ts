/**
 * Cholesky factorisation A = L Lᵀ of a small symmetric positive-definite p × p matrix (row-major,
 * only the upper triangle of A is read), with solve and inverse; Golub & Van Loan (2013) §4.2.
 * A pivot that is not positive, or below 1e-13 of its diagonal entry, means A is singular (or not
 * positive definite) to working precision: the functions then return undefined rather than a
 * meaningless factor.
 */

const RELATIVE_PIVOT_FLOOR = 1e-13;

/** The lower-triangular factor L (row-major p × p), or undefined when A is not numerically positive definite. */
export function cholesky(a: ArrayLike<number>, p: number): Float64Array | undefined {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    const ajj = a[j * p + j];
    let d = ajj;
    for (let k = 0; k < j; k++) d -= l[j * p + k] * l[j * p + k];
    if (!(d > RELATIVE_PIVOT_FLOOR * Math.abs(ajj)) || !Number.isFinite(d)) return undefined;
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      // A is read from its upper triangle (a[j][i], j < i), the part the accumulating loops fill.
      let s = a[j * p + i];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      l[i * p + j] = s / ljj;
    }
  }
  return l;
}

/** Solves L Lᵀ x = b for x. */
export function choleskySolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < p; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * x[k];
    x[i] = s / l[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * x[k];
    x[i] = s / l[i * p + i];
  }
  return x;
}

/** (L Lᵀ)⁻¹ as a full symmetric row-major p × p matrix. */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i];
  }
  // Symmetrise so that rounding never makes Var(a, b) differ from Var(b, a).
  for (let i = 0; i < p; i++) {
    for (let j = i + 1; j < p; j++) {
      const v = 0.5 * (inv[i * p + j] + inv[j * p + i]);
      inv[i * p + j] = v;
      inv[j * p + i] = v;
    }
  }
  return inv;
}
