import { NumericalError } from '../contract/method.ts';

/**
 * The covariate matrix of a regression: n rows × q named columns, held row-major in one
 * Float64Array so each fitting pass reads memory in order. Accepts rows (number[][]) or an
 * already row-major Float64Array of length n·q (used as is, not copied). Non-finite values and
 * ragged rows throw NumericalError naming the row and column.
 */
export interface CovariateMatrix {
  readonly n: number;
  readonly q: number;
  /** Row-major values: row i, column j at data[i * q + j]. */
  readonly data: Float64Array;
  readonly names: readonly string[];
  /** Column means (used only as centring constants). */
  readonly mean: Float64Array;
  /** Column standard deviations (n − 1 divisor); 0 for a constant column. */
  readonly sd: Float64Array;
  /** Whether each column takes a single value. */
  readonly constant: readonly boolean[];
}

export function covariateMatrix(
  x: Float64Array | readonly (readonly number[])[],
  n: number,
  names: readonly string[],
): CovariateMatrix {
  const q = names.length;
  if (new Set(names).size !== q) throw new NumericalError(`covariate names must be distinct; got ${JSON.stringify(names)}`);
  let data: Float64Array;
  if (x instanceof Float64Array) {
    if (x.length !== n * q) {
      throw new NumericalError(`x as a flat Float64Array must hold n × q = ${n} × ${q} = ${n * q} row-major values; it has ${x.length}`);
    }
    data = x;
  } else {
    if (x.length !== n) throw new NumericalError(`x has ${x.length} rows but the outcome has ${n} values`);
    data = new Float64Array(n * q);
    for (let i = 0; i < n; i++) {
      const row = x[i];
      if (row.length !== q) throw new NumericalError(`x row ${i} has ${row.length} values; expected ${q} (one per name)`);
      for (let j = 0; j < q; j++) data[i * q + j] = row[j];
    }
  }
  // One pass: finiteness, range, and a shifted sum of squares (shift = first row, so a large
  // common offset does not cancel away the variance).
  const mean = new Float64Array(q);
  const sd = new Float64Array(q);
  const min = new Float64Array(q).fill(Infinity);
  const max = new Float64Array(q).fill(-Infinity);
  const sum = new Float64Array(q);
  const sumSq = new Float64Array(q);
  const shift = new Float64Array(q);
  if (n > 0) for (let j = 0; j < q; j++) shift[j] = data[j];
  for (let i = 0; i < n; i++) {
    const off = i * q;
    for (let j = 0; j < q; j++) {
      const v = data[off + j];
      if (!Number.isFinite(v)) throw new NumericalError(`x[${i}] for "${names[j]}" is ${v}; covariates must be finite numbers`);
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
      const d = v - shift[j];
      sum[j] += d;
      sumSq[j] += d * d;
    }
  }
  const constant: boolean[] = [];
  for (let j = 0; j < q; j++) {
    const m = n > 0 ? sum[j] / n : 0;
    mean[j] = shift[j] + m;
    constant.push(!(max[j] > min[j]));
    sd[j] = n > 1 && !constant[j] ? Math.sqrt(Math.max(0, (sumSq[j] - n * m * m) / (n - 1))) : 0;
  }
  return { n, q, data, names, mean, sd, constant };
}

/** Centred cross-product matrix Σ (xᵢ − x̄)(xᵢ − x̄)ᵀ, row-major q × q (full). */
export function centredGram(m: CovariateMatrix): Float64Array {
  const { n, q, data, mean } = m;
  const g = new Float64Array(q * q);
  const row = new Float64Array(q);
  for (let i = 0; i < n; i++) {
    const off = i * q;
    for (let j = 0; j < q; j++) row[j] = data[off + j] - mean[j];
    for (let j = 0; j < q; j++) {
      const v = row[j];
      const base = j * q;
      for (let k = j; k < q; k++) g[base + k] += v * row[k];
    }
  }
  for (let j = 0; j < q; j++) for (let k = 0; k < j; k++) g[j * q + k] = g[k * q + j];
  return g;
}

