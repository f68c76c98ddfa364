import gammaln from '@stdlib/math-base-special-gammaln';
import { leastLogFactorialSum, mostLogFactorialSum } from './log-factorial-bounds.ts';

/**
 * FEXACT's tolerance (R src/library/stats/src/fexact.c, TOL = 3.45254e-7): a table counts as at
 * most as probable as the observed one when its log probability exceeds the observed one's by no
 * more than this, so that exact ties survive rounding.
 */
const LOG_TIES = 3.45254e-7;
/** Past lengths closer than 1/PAST_GRID (in log probability) are merged at a node; their mass is kept exactly. */
const PAST_GRID = 1e9;
/**
 * A node with three columns left settles its undecided pasts from the list of its completions
 * when there are at most this many, and fewer than pasts × daughters (the cost of expanding).
 */
const LIST_CAP = 1 << 14;

/**
 * A node: the remaining row totals (ascending) and the paths that reach it, as past lengths
 * (−Σ log n! over the columns placed) with weights (how many paths, or Σ exp(lengthₖ − length)
 * once near-equal lengths are merged). Built by pushing, in place.
 */
interface Node {
  readonly sums: Int32Array;
  lengths: number[];
  weights: number[];
}

/** Every completion of a node: lengths ascending, and prefix[q] = Σ exp(lengths[j] − top) over j < q. */
interface Completions {
  readonly lengths: Float64Array;
  readonly prefix: Float64Array;
  readonly top: number;
}

/** Sorts a node's pasts and merges lengths within 1/PAST_GRID, keeping their mass exactly. */
function mergePasts(node: Node): void {
  const n = node.lengths.length;
  if (n < 2) return;
  const { lengths, weights } = node;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => lengths[a]! - lengths[b]!);
  const mergedLengths: number[] = [];
  const mergedWeights: number[] = [];
  for (const i of order) {
    const last = mergedLengths.length - 1;
    const length = lengths[i]!;
    if (last >= 0 && length - mergedLengths[last]! <= 1 / PAST_GRID) mergedWeights[last] += weights[i]! * Math.exp(length - mergedLengths[last]!);
    else {
      mergedLengths.push(length);
      mergedWeights.push(weights[i]!);
    }
  }
  node.lengths = mergedLengths;
  node.weights = mergedWeights;
}

/** log k! from a table up to n (filled once), gammaln beyond. */
function logFactorials(n: number): (k: number) => number {
  const size = Math.min(n, 1 << 20) + 1;
  const table = new Float64Array(size);
  for (let k = 2; k < size; k++) table[k] = table[k - 1]! + Math.log(k);
  return (k) => (k < size ? table[k]! : gammaln(k + 1));
}

function insertionSort(a: Int32Array): Int32Array {
  for (let i = 1; i < a.length; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
  return a;
}

/**
 * Calls visit(v, −Σ log vᵢ!) for every column vector v with Σ v = total and 0 ≤ vᵢ ≤ sums[i];
 * v is one buffer, rewritten in place between calls. Stops, returning false, when visit does.
 */
function forEachColumn(sums: Int32Array, total: number, v: Int32Array, lf: (k: number) => number, visit: (v: Int32Array, length: number) => boolean): boolean {
  const r = sums.length;
  const suffix = new Int32Array(r + 1);
  for (let i = r - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + sums[i]!;
  const place = (i: number, rest: number, length: number): boolean => {
    if (i === r - 1) {
      if (rest > sums[i]!) return true;
      v[i] = rest;
      return visit(v, length - lf(rest));
    }
    const high = Math.min(sums[i]!, rest);
    for (let x = Math.max(0, rest - suffix[i + 1]!); x <= high; x++) {
      v[i] = x;
      if (!place(i + 1, rest - x, length - lf(x))) return false;
    }
    return true;
  };
  return place(0, total, 0);
}

/** Number of column vectors v with Σ v = total and 0 ≤ vᵢ ≤ sums[i], by dynamic programming over rows. */
function countColumns(sums: Int32Array, total: number): number {
  let ways = new Float64Array(total + 1);
  ways[0] = 1;
  for (const cap of sums) {
    const next = new Float64Array(total + 1);
    let window = 0;
    for (let t = 0; t <= total; t++) {
      window += ways[t]!;
      if (t - cap - 1 >= 0) window -= ways[t - cap - 1]!;
      next[t] = window;
    }
    ways = next;
  }
  return ways[total]!;
}

/**
 * Two-sided Fisher exact p for an r × c table from its margins (all positive) and cells, by the
 * network algorithm of Mehta & Patel (1983) as in R's FEXACT. Columns are placed one at a time; a
 * node is the multiset of remaining row totals, and the paths reaching it are kept as merged past
 * lengths (−Σ log n! so far). Bounds on the longest and shortest completion settle a past
 * wholesale: every completion counts (mass M!/(∏ sᵢ! ∏ cₗ!) in closed form) or none does; only
 * undecided pasts are expanded. Near the end (two columns left, or three with few completions)
 * a node's completions are listed and sorted once, and each past is settled by binary search over
 * their prefix masses. Returns null once more than `budget` units of work (a past pushed to a
 * daughter, a completion listed) would be needed.
 */
export function fisherExactNetwork(rowTotals: readonly number[], colTotals: readonly number[], cells: readonly (readonly number[])[], budget: number): number | null {
  // Rows are the shorter margin (fewer, shorter node keys); columns are placed largest first.
  const transpose = rowTotals.length > colTotals.length;
  const rows = insertionSort(Int32Array.from(transpose ? colTotals : rowTotals));
  const cols = Array.from(transpose ? rowTotals : colTotals).sort((x, y) => y - x);
  const r = rows.length;
  const c = cols.length;
  const total = cols.reduce((s, v) => s + v, 0);
  const lf = logFactorials(total);

  let observed = 0;
  for (const row of cells) for (const v of row) observed -= lf(v);
  const threshold = observed + LOG_TIES;
  // log P(table) = constant + length.
  let constant = -lf(total);
  for (const v of rows) constant += lf(v);
  for (const v of cols) constant += lf(v);
  const suffixLogFact: number[] = [];
  for (let k = 0; k < c; k++) suffixLogFact.push(cols.slice(k).reduce((s, v) => s + lf(v), 0));

  const radix = Math.max(...rows) + 1;
  const numericKeys = Math.pow(radix, r) < Number.MAX_SAFE_INTEGER;
  const keyOf = (s: Int32Array): number | string => {
    if (!numericKeys) return s.join(',');
    let key = 0;
    for (let i = r - 1; i >= 0; i--) key = key * radix + s[i]!;
    return key;
  };
  const daughterOf = (s: Int32Array, v: Int32Array): Int32Array => {
    const d = new Int32Array(r);
    for (let q = 0; q < r; q++) d[q] = s[q]! - v[q]!;
    return insertionSort(d);
  };

  let p = 0;
  let work = 0;
  const vector = new Int32Array(r);

  // Completion lists by stage and node key; null marks a list over LIST_CAP (or the budget).
  const lists = Array.from({ length: c }, () => new Map<number | string, Completions | null>());
  const completionsOf = (s: Int32Array, k: number, cap = Infinity): Completions | null => {
    const key = keyOf(s);
    const known = lists[k]!.get(key);
    if (known !== undefined) return known;
    let result: Completions | null = null;
    if (k === c - 1) {
      let length = 0;
      for (const v of s) length -= lf(v);
      result = { lengths: Float64Array.of(length), prefix: Float64Array.of(0, 1), top: length };
    } else {
      let lengths = new Float64Array(64);
      let size = 0;
      const ok = forEachColumn(s, cols[k]!, new Int32Array(r), lf, (v, length) => {
        const tail = completionsOf(daughterOf(s, v), k + 1);
        if (!tail) return false;
        const m = tail.lengths.length;
        if (size + m > cap) return false;
        work += m;
        if (work > budget) return false;
        if (size + m > lengths.length) {
          const grown = new Float64Array(Math.max(2 * lengths.length, size + m));
          grown.set(lengths.subarray(0, size));
          lengths = grown;
        }
        for (let q = 0; q < m; q++) lengths[size + q] = length + tail.lengths[q]!;
        size += m;
        return true;
      });
      if (ok) {
        const sorted = lengths.slice(0, size).sort();
        work += (size * Math.log2(size + 1)) / 4;
        const top = sorted[size - 1]!;
        const prefix = new Float64Array(size + 1);
        for (let q = 0; q < size; q++) prefix[q + 1] = prefix[q]! + Math.exp(sorted[q]! - top);
        result = { lengths: sorted, prefix, top };
      }
    }
    // A capped list is asked for once, by the forward pass; only complete answers are kept.
    if (cap === Infinity) lists[k]!.set(key, result);
    return result;
  };
  const settle = (list: Completions, pastLengths: readonly number[], pastWeights: readonly number[]): void => {
    const { lengths, prefix, top } = list;
    for (let q = 0; q < pastLengths.length; q++) {
      const past = pastLengths[q]!;
      const limit = threshold - past;
      let lo = 0;
      let hi = lengths.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (lengths[mid]! <= limit) lo = mid + 1;
        else hi = mid;
      }
      if (lo > 0) p += pastWeights[q]! * prefix[lo]! * Math.exp(constant + past + top);
    }
  };

  let stage = new Map<number | string, Node>([[keyOf(rows), { sums: rows, lengths: [0], weights: [1] }]]);
  for (let k = 0; k <= c - 2; k++) {
    const next = new Map<number | string, Node>();
    const remainingCols = cols.slice(k);
    for (const node of stage.values()) {
      const s = node.sums;
      if (k === c - 2) {
        const list = completionsOf(s, k);
        if (!list) return null;
        settle(list, node.lengths, node.weights);
        continue;
      }
      let sumLogFact = 0;
      let remaining = 0;
      for (let i = 0; i < r; i++) {
        sumLogFact += lf(s[i]!);
        remaining += s[i]!;
      }
      // The bounds cost O(M·(r + c)); count them so that many nodes with few pasts stay bounded too.
      work += 1 + (remaining * (r + c)) / 16;
      const longest = -leastLogFactorialSum(s, remainingCols, lf);
      const shortest = -mostLogFactorialSum(s, remainingCols, lf);
      const logMass = lf(remaining) - sumLogFact - suffixLogFact[k]!;
      mergePasts(node);
      const openLengths: number[] = [];
      const openWeights: number[] = [];
      for (let q = 0; q < node.lengths.length; q++) {
        const length = node.lengths[q]!;
        if (length + longest <= threshold) p += node.weights[q]! * Math.exp(constant + length + logMass);
        else if (length + shortest <= threshold) {
          openLengths.push(length);
          openWeights.push(node.weights[q]!);
        }
      }
      const open = openLengths.length;
      if (open === 0) continue;
      if (k === c - 3) {
        // Expanding costs open × V; the list has about V × (daughters' vectors) entries, estimated
        // from the average daughter, whose row totals shrink in proportion.
        const columns = countColumns(s, cols[k]!);
        const typical = Int32Array.from(s, (x) => Math.round((x * (remaining - cols[k]!)) / remaining));
        const cap = Math.min(LIST_CAP, open * columns);
        if (columns * countColumns(typical, cols[k + 1]!) <= cap) {
          const list = completionsOf(s, k, cap);
          if (work > budget) return null;
          if (list) {
            settle(list, openLengths, openWeights);
            continue;
          }
        }
      }
      const ok = forEachColumn(s, cols[k]!, vector, lf, (v, length) => {
        // Work is counted in past pushes: a column vector costs about one more (copy, sort, key,
        // lookup), a new daughter node about fifteen (allocation and the garbage it leaves).
        work += open + 1;
        const sums = daughterOf(s, v);
        const key = keyOf(sums);
        let daughter = next.get(key);
        if (!daughter) {
          daughter = { sums, lengths: [], weights: [] };
          next.set(key, daughter);
          work += 15;
        }
        if (work > budget) return false;
        for (let q = 0; q < open; q++) {
          daughter.lengths.push(openLengths[q]! + length);
          daughter.weights.push(openWeights[q]!);
        }
        return true;
      });
      if (!ok) return null;
    }
    stage = next;
  }
  return Math.min(1, p);
}
