import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { NumericalError } from '../contract/method.ts';
import { categoryIndex, isMissing, sortedCategories, type Category, type Rating } from './categories.ts';

export type KappaWeights = 'none' | 'linear' | 'quadratic';

export interface CohenKappaOptions {
  /** Agreement weights (default `none`): `linear` is vcd's "Equal-Spacing", `quadratic` its "Fleiss-Cohen". */
  readonly weights?: KappaWeights;
  /** Confidence level of the interval (default 0.95). */
  readonly level?: number;
  /**
   * All categories of the scale, in order. Default: the distinct ratings seen in either column,
   * numbers by value, strings in code-unit order. Weights depend on positions in this list, so
   * give it when a scale point might go unused.
   */
  readonly categories?: readonly Category[];
}

export interface CohenKappaResult {
  readonly kappa: number;
  /** Asymptotic standard error of Fleiss, Cohen & Everitt (1969), not the one under κ = 0. */
  readonly standardError: number;
  /** κ ∓ z·SE clipped to [−1, 1], as vcd's confint.Kappa. */
  readonly lower: number;
  readonly upper: number;
  /** Σ wᵢⱼ pᵢⱼ: the proportion of agreement (weighted, when weights are used). */
  readonly observedAgreement: number;
  /** Σ wᵢⱼ pᵢ. p.ⱼ: the agreement expected from the two raters' margins. */
  readonly expectedAgreement: number;
  readonly weights: KappaWeights;
  readonly level: number;
  /** Units rated by both raters (pairs with a missing rating are dropped, as irr::kappa2). */
  readonly n: number;
  /** The categories, in the order used for the table and the weights (cohenKappaTable: positions 1 … k). */
  readonly categories: readonly Category[];
  readonly warnings: readonly string[];
}

/** Agreement weight between categories at positions i and j of k: 1 on the diagonal, falling with distance. */
export function kappaWeight(weights: KappaWeights, i: number, j: number, k: number): number {
  if (i === j) return 1;
  if (weights === 'none') return 0;
  const d = Math.abs(i - j) / (k - 1);
  return weights === 'linear' ? 1 - d : 1 - d * d;
}

/**
 * Cohen's κ (1960) and weighted κ (1968) for two raters, with the large-sample standard error of
 * Fleiss, Cohen & Everitt (1969); matches R vcd::Kappa and confint (Equal-Spacing = linear,
 * Fleiss-Cohen = quadratic). Pairs with a missing rating are dropped. When the expected agreement
 * is 1 (every rating in one category) κ is 0/0: κ, SE and interval are NaN, as in R, with a warning.
 * No complete pair throws NumericalError.
 */
export function cohenKappa(pairs: ReadonlyArray<readonly [Rating, Rating]>, options: CohenKappaOptions = {}): CohenKappaResult {
  const complete: [Category, Category][] = [];
  for (const [a, b] of pairs) if (!isMissing(a) && !isMissing(b)) complete.push([a, b]);
  const dropped = pairs.length - complete.length;
  if (complete.length === 0) throw new NumericalError('Cohen\'s kappa needs at least one unit rated by both raters');

  const seen = sortedCategories(complete.flat());
  let categories: readonly Category[];
  if (options.categories) {
    categories = options.categories;
    if (new Set(categories).size !== categories.length) throw new NumericalError('categories must be distinct');
    const allowed = new Set(categories);
    const unknown = seen.filter((c) => !allowed.has(c));
    if (unknown.length > 0) throw new NumericalError(`ratings ${JSON.stringify(unknown)} are not among the categories ${JSON.stringify(categories)}`);
  } else categories = seen;

  const k = categories.length;
  const index = categoryIndex(categories);
  const table = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const [a, b] of complete) table[index.get(a)!][index.get(b)!]++;

  const result = cohenKappaTable(table, options);
  const warnings = [...result.warnings];
  if (dropped > 0) warnings.unshift(`${dropped} of ${pairs.length} units had a missing rating and were dropped`);
  return { ...result, categories, warnings };
}

/**
 * Cohen's κ from a k × k table of counts (rows: first rater, columns: second rater, categories in
 * scale order); the computation behind cohenKappa, transcribed from vcd::Kappa.
 */
export function cohenKappaTable(
  table: readonly (readonly number[])[],
  options: Omit<CohenKappaOptions, 'categories'> = {},
): CohenKappaResult {
  const weights = options.weights ?? 'none';
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new NumericalError(`level must be strictly between 0 and 1; got ${level}`);
  const k = table.length;
  if (k === 0 || table.some((row) => row.length !== k)) throw new NumericalError('the agreement table must be square with at least one category');

  let n = 0;
  for (const row of table) {
    for (const x of row) {
      if (!(x >= 0 && Number.isFinite(x))) throw new NumericalError(`table counts must be finite and non-negative; got ${x}`);
      n += x;
    }
  }
  if (n === 0) throw new NumericalError('the agreement table is empty');

  const rowFreq = new Float64Array(k);
  const colFreq = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      rowFreq[i] += table[i][j] / n;
      colFreq[j] += table[i][j] / n;
    }
  }
  const w = (i: number, j: number): number => kappaWeight(weights, i, j, k);

  let po = 0;
  let pc = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      po += (w(i, j) * table[i][j]) / n;
      pc += w(i, j) * rowFreq[i] * colFreq[j];
    }
  }
  const kappa = (po - pc) / (1 - pc);

  // Fleiss, Cohen & Everitt (1969): var = [Σ pᵢⱼ (wᵢⱼ − (w̄ᵢ. + w̄.ⱼ)(1 − κ))² − (κ − pc(1 − κ))²] / (n (1 − pc)²),
  // with w̄ᵢ. = Σⱼ wᵢⱼ p.ⱼ and w̄.ⱼ = Σᵢ wᵢⱼ pᵢ. (vcd's two sweeps).
  const wRow = new Float64Array(k);
  const wCol = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      wRow[i] += w(i, j) * colFreq[j];
      wCol[j] += w(i, j) * rowFreq[i];
    }
  }
  let s = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const term = w(i, j) - (wRow[i] + wCol[j]) * (1 - kappa);
      s += (table[i][j] / n) * term * term;
    }
  }
  const centre = kappa - pc * (1 - kappa);
  // With perfect agreement the bracket is 0 and may round a hair below it; R would then give NaN.
  const variance = Math.max(0, s - centre * centre) / ((1 - pc) * (1 - pc)) / n;
  const standardError = Math.sqrt(variance);

  const q = normalQuantile((1 + level) / 2, 0, 1);
  const warnings: string[] = [];
  if (!Number.isFinite(kappa)) {
    warnings.push('the expected agreement is 1 (all ratings fall in one category), so kappa is undefined (0/0)');
  }
  return {
    kappa,
    standardError,
    lower: Number.isNaN(kappa) ? NaN : Math.max(-1, kappa - q * standardError),
    upper: Number.isNaN(kappa) ? NaN : Math.min(1, kappa + q * standardError),
    observedAgreement: po,
    expectedAgreement: pc,
    weights,
    level,
    n,
    categories: Array.from({ length: k }, (_, i) => i + 1),
    warnings,
  };
}
