import { NumericalError } from '../contract/method.ts';
import type { CovariateMatrix } from './covariate-matrix.ts';

/**
 * Rank check of a design before fitting: the columns are taken in order, as R's pivoting QR
 * does (lm/glm report the later column of a collinear set as NA), and a column is aliased when
 * 1 − R² of its regression on the earlier accepted columns (all centred, so a constant term is
 * always included) falls below 1e-10 — i.e. its residual spread is under 1e-5 of its own. That
 * is well above the rounding floor of a Cholesky factorisation of the correlation matrix and
 * catches exact linear combinations; R's QR tolerance cannot be matched exactly on a Gram
 * matrix. A constant column is aliased with the constant term (`constantRole` says what that is:
 * the intercept, the thresholds, …). Throws NumericalError naming every aliased column and the
 * columns it is a combination of.
 */
export function assertFullRank(gram: Float64Array, m: CovariateMatrix, constantRole: string): void {
  const { q, names, constant } = m;
  const problems: string[] = [];
  const aliased: string[] = [];
  for (let j = 0; j < q; j++) {
    if (constant[j]) {
      problems.push(`"${names[j]}" is constant (${constantRole})`);
      aliased.push(names[j]);
    }
  }
  const accepted: number[] = [];
  // Cholesky factor of the accepted columns' correlation matrix, row-major q × q (rows in accepted order).
  const l = new Float64Array(q * q);
  const scale = new Float64Array(q);
  for (let j = 0; j < q; j++) scale[j] = gram[j * q + j] > 0 ? 1 / Math.sqrt(gram[j * q + j]) : 0;
  for (let j = 0; j < q; j++) {
    if (constant[j] || !(gram[j * q + j] > 0)) continue;
    const s = accepted.length;
    const c = new Float64Array(s);
    let explained = 0;
    for (let a = 0; a < s; a++) {
      const k = accepted[a];
      let v = gram[k * q + j] * scale[k] * scale[j];
      for (let b = 0; b < a; b++) v -= l[a * q + b] * c[b];
      c[a] = v / l[a * q + a];
      explained += c[a] * c[a];
    }
    const pivot = 1 - explained;
    if (pivot < ALIAS_TOLERANCE) {
      // Back-substitute for the standardised regression coefficients to name the partners.
      const coef = new Float64Array(s);
      for (let a = s - 1; a >= 0; a--) {
        let v = c[a];
        for (let b = a + 1; b < s; b++) v -= l[b * q + a] * coef[b];
        coef[a] = v / l[a * q + a];
      }
      let biggest = 0;
      for (let a = 0; a < s; a++) biggest = Math.max(biggest, Math.abs(coef[a]));
      const partners = accepted.filter((_, a) => Math.abs(coef[a]) > 1e-6 * biggest).map((k) => `"${names[k]}"`);
      problems.push(`"${names[j]}" is a linear combination of ${partners.join(', ')} (plus a constant)`);
      aliased.push(names[j]);
      continue;
    }
    for (let a = 0; a < s; a++) l[s * q + a] = c[a];
    l[s * q + s] = Math.sqrt(pivot);
    accepted.push(j);
  }
  if (problems.length > 0) {
    throw new NumericalError(
      `collinear covariates: ${problems.join('; ')}, so the coefficients are not identifiable. Drop ${aliased.map((a) => `"${a}"`).join(', ')} (R reports ${aliased.length > 1 ? 'them' : 'it'} as NA) or recode.`,
    );
  }
}

const ALIAS_TOLERANCE = 1e-10;
