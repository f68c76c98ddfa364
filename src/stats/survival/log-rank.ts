import gammainc from '@stdlib/math-base-special-gammainc';
import { NumericalError } from '../contract/method.ts';
import { encodeGroups, type GroupLabel } from './group-codes.ts';
import { riskTable, type RiskTable } from './risk-table.ts';

export interface LogRankResult {
  /** (O − E)ᵀ V⁻¹ (O − E) over the groups with E > 0, the first of them left out. */
  readonly statistic: number;
  /** Groups with E > 0, less one. */
  readonly df: number;
  /** Upper tail of χ²(df). */
  readonly pValue: number;
  /** Observed events per group (groups in sorted label order). */
  readonly observed: Float64Array;
  /** Expected events per group under equal hazards. */
  readonly expected: Float64Array;
  /** Hypergeometric covariance of O − E, k × k row-major. */
  readonly variance: Float64Array;
}

/**
 * Log-rank test of equal survival across groups, as survival::survdiff(Surv(time, event) ~ group)
 * (rho = 0; Mantel 1966, Peto & Peto 1972). Groups whose expected count is 0 (nobody at risk at
 * any event time) are left out as survdiff does. Null when there is nothing to compare: fewer
 * than two groups, fewer than two with E > 0 (e.g. no events; survdiff reports df ≤ 0), or a
 * singular covariance (e.g. everyone at risk dies at once; survdiff stops in solve()). More than
 * 1,000 groups throws NumericalError. Input rules as kaplanMeier.
 */
export function logRank(time: ArrayLike<number>, event: ArrayLike<number>, group: ArrayLike<GroupLabel>): LogRankResult | null {
  const { codes, levels } = encodeGroups(group);
  return logRankFromTable(riskTable(time, event, codes, levels.length));
}

/**
 * The log-rank test on a risk table. O(k · entries) time, O(k²) memory: the sums over event times
 * are kept lazily per group and per pair of groups, and brought up to date only when a group's
 * number at risk changes, since between its own times a group's contribution is that constant
 * number times a running sum shared by all groups.
 */
export function logRankFromTable(table: RiskTable): LogRankResult | null {
  const k = table.nGroups;
  if (k < 2) return null;
  if (k > MAX_GROUPS) throw new NumericalError(`the log-rank test takes at most ${MAX_GROUPS} groups; got ${k}`);
  const { times, entryStart, entryGroup, entryEvents, entryRemoved } = table;
  const atRisk = Float64Array.from(table.groupSize);
  let total = 0;
  for (let g = 0; g < k; g++) total += atRisk[g];

  // Running sums over event times t, with D deaths among N at risk:
  //   hazard   Σ D/N                       → E_g  = Σ n_g · D/N
  //   spread   Σ c,   c = D(N−D)/(N(N−1))  → V_gg = Σ n_g · c − Σ n_g² · c/N
  //   pair     Σ c/N                       → V_gh = −Σ n_g n_h · c/N
  let hazard = 0;
  let spread = 0;
  let pair = 0;
  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const spreadSum = new Float64Array(k);
  const pairSum = new Float64Array(k * k); // upper triangle used
  const hazardSeen = new Float64Array(k);
  const spreadSeen = new Float64Array(k);
  const pairSeen = new Float64Array(k * k);

  for (let i = 0; i < times.length; i++) {
    const from = entryStart[i];
    const to = entryStart[i + 1];
    let deaths = 0;
    let removed = 0;
    for (let e = from; e < to; e++) {
      deaths += entryEvents[e];
      removed += entryRemoved[e];
    }
    if (deaths > 0) {
      hazard += deaths / total;
      if (total > 1) {
        const c = (deaths * (total - deaths)) / (total * (total - 1));
        spread += c;
        pair += c / total;
      }
    }
    // Bring each changing group up to date at its pre-change number at risk (which applies at
    // this time), then lower it. Sums are mutated in place.
    for (let e = from; e < to; e++) {
      const g = entryGroup[e];
      const n = atRisk[g];
      observed[g] += entryEvents[e];
      expected[g] += n * (hazard - hazardSeen[g]);
      hazardSeen[g] = hazard;
      spreadSum[g] += n * (spread - spreadSeen[g]);
      spreadSeen[g] = spread;
      for (let h = 0; h < k; h++) {
        const at = g < h ? g * k + h : h * k + g;
        pairSum[at] += n * atRisk[h] * (pair - pairSeen[at]);
        pairSeen[at] = pair;
      }
      atRisk[g] = n - entryRemoved[e];
    }
    total -= removed;
  }
  // Every row leaves at its own time, so all numbers at risk end at 0: nothing is left to add.

  const variance = new Float64Array(k * k);
  for (let g = 0; g < k; g++) {
    for (let h = 0; h < k; h++) {
      const at = g < h ? g * k + h : h * k + g;
      variance[g * k + h] = (g === h ? spreadSum[g] : 0) - pairSum[at];
    }
  }

  const kept: number[] = [];
  for (let g = 0; g < k; g++) if (expected[g] > 0) kept.push(g);
  if (kept.length < 2) return null;
  // As survdiff: leave out the first group with E > 0 and solve V x = O − E on the rest.
  const rest = kept.slice(1);
  const m = rest.length;
  const a = new Float64Array(m * m);
  const b = new Float64Array(m);
  for (let r = 0; r < m; r++) {
    b[r] = observed[rest[r]] - expected[rest[r]];
    for (let c = 0; c < m; c++) a[r * m + c] = variance[rest[r] * k + rest[c]];
  }
  const x = solve(a, b, m);
  if (!x) return null;
  let statistic = 0;
  for (let r = 0; r < m; r++) statistic += x[r] * b[r];
  return Object.freeze({
    statistic,
    df: m,
    // The upper regularised incomplete gamma keeps the digits of tiny p-values.
    pValue: gammainc(statistic / 2, m / 2, true, true),
    observed,
    expected,
    variance,
  });
}

// The pair sums take k² memory and the solve k³ time.
const MAX_GROUPS = 1000;

/** Gaussian elimination with partial pivoting on copies; null when singular. */
function solve(matrix: Float64Array, rhs: Float64Array, m: number): Float64Array | null {
  const a = matrix.slice();
  const x = rhs.slice();
  let scale = 0;
  for (let r = 0; r < m; r++) scale = Math.max(scale, Math.abs(a[r * m + r]));
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r * m + col]) > Math.abs(a[pivot * m + col])) pivot = r;
    if (!(Math.abs(a[pivot * m + col]) > SINGULAR * scale)) return null;
    if (pivot !== col) {
      for (let c = 0; c < m; c++) {
        const t = a[col * m + c];
        a[col * m + c] = a[pivot * m + c];
        a[pivot * m + c] = t;
      }
      const t = x[col];
      x[col] = x[pivot];
      x[pivot] = t;
    }
    for (let r = col + 1; r < m; r++) {
      const f = a[r * m + col] / a[col * m + col];
      if (f === 0) continue;
      for (let c = col; c < m; c++) a[r * m + c] -= f * a[col * m + c];
      x[r] -= f * x[col];
    }
  }
  for (let r = m - 1; r >= 0; r--) {
    let s = x[r];
    for (let c = r + 1; c < m; c++) s -= a[r * m + c] * x[c];
    x[r] = s / a[r * m + r];
  }
  return x;
}

const SINGULAR = 1e-13;
