/**
 * Balanced assignment of sampled series to coders, with a seeded share of multiply-coded
 * (overlap) units for the reliability study. Pure: same inputs, same assignment.
 */
import { VindexError } from '../errors.ts';
import { CodingRandom } from './random.ts';

export interface AssignOptions {
  /** Share of units coded by several coders, 0 … 1; round(overlap · n) units. */
  readonly overlap: number;
  /** Coders per overlap unit, 2 … number of coders (default 2). */
  readonly ratersPerOverlap?: number;
  readonly seed: number;
}

export interface UnitAssignment {
  readonly unit: number;
  /** The unit's coders, sorted. */
  readonly coders: readonly string[];
  readonly overlap: boolean;
}

/** Local search passes, and the overlap units above which unit-with-unit swaps are skipped (they cost m² per pass). */
const MAX_PASSES = 20;
const MAX_SWAP_UNITS = 1500;

/** Above this many candidate subsets per overlap unit the pair balancing goes greedy, coder by coder. */
const MAX_SUBSETS = 2000;

/**
 * Units are sorted and coders sorted first, so only the sets matter. Overlap units are the first
 * round(overlap · n) of a seeded shuffle. Each overlap unit goes to the ratersPerOverlap coders
 * with the smallest workloads (so workloads never differ by more than one), choosing among equally
 * loaded coders the set whose pairs have been together least often (so every pair of coders gets
 * data for Cohen's κ); the remaining units go one each to a least-loaded coder. Ties are broken by
 * the seeded stream. Returns one entry per unit, in ascending unit order.
 */
export function assignUnits(units: readonly number[], coders: readonly string[], options: AssignOptions): UnitAssignment[] {
  const { overlap, seed } = options;
  const r = options.ratersPerOverlap ?? 2;
  const names = [...coders].sort();
  const k = names.length;
  if (k === 0) throw new VindexError('VDX_ROUND_INVALID', 'a round needs at least one coder');
  if (new Set(names).size !== k) throw new VindexError('VDX_ROUND_INVALID', `coders must be distinct: ${names.join(', ')}`);
  if (new Set(units).size !== units.length) throw new VindexError('VDX_ROUND_INVALID', 'units must be distinct');
  if (!(overlap >= 0 && overlap <= 1)) throw new VindexError('VDX_ROUND_INVALID', `overlap must be a share from 0 to 1, not ${overlap}`);
  if (!Number.isInteger(r) || r < 2) throw new VindexError('VDX_ROUND_INVALID', `raters per overlap unit must be a whole number of at least 2, not ${r}`);
  const sorted = [...units].sort((a, b) => a - b);
  const n = sorted.length;
  const m = Math.round(overlap * n);
  if (m > 0 && k < 2) throw new VindexError('VDX_ROUND_INVALID', 'overlap units need at least 2 coders');
  if (m > 0 && r > k) throw new VindexError('VDX_ROUND_INVALID', `raters per overlap unit (${r}) exceeds the number of coders (${k})`);

  const random = new CodingRandom(seed, 'assign');
  const order = random.shuffle(sorted);
  const load = new Array<number>(k).fill(0);
  const together = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const result = new Map<number, UnitAssignment>();

  const sets: number[][] = [];
  for (let u = 0; u < m; u++) {
    const chosen = pickOverlapCoders(load, together, r, random);
    for (const c of chosen) load[c]!++;
    for (const a of chosen) for (const b of chosen) if (a !== b) together[a]![b]!++;
    sets.push(chosen);
  }
  const singles: number[] = [];
  for (let u = m; u < n; u++) {
    const min = Math.min(...load);
    const least = load.flatMap((l, c) => (l === min ? [c] : []));
    const c = least[random.int(least.length)]!;
    load[c]!++;
    singles.push(c);
  }
  balancePairs(sets, singles, together);
  sets.forEach((set, u) => result.set(order[u]!, { unit: order[u]!, coders: [...set].sort((a, b) => a - b).map((c) => names[c]!), overlap: true }));
  singles.forEach((c, i) => result.set(order[m + i]!, { unit: order[m + i]!, coders: [names[c]!], overlap: false }));
  return sorted.map((unit) => result.get(unit)!);
}

/**
 * The r coders of one overlap unit: every coder of the lowest workload level that fits, then the
 * rest from the next level, choosing that rest to minimise the times the chosen pairs already met.
 */
function pickOverlapCoders(load: readonly number[], together: readonly (readonly number[])[], r: number, random: CodingRandom): number[] {
  const coders = random.shuffle(load.map((_, c) => c));
  const levels = [...new Set(load)].sort((a, b) => a - b);
  const forced: number[] = [];
  let pool: number[] = [];
  for (const level of levels) {
    const at = coders.filter((c) => load[c] === level);
    if (forced.length + at.length <= r) forced.push(...at);
    else {
      pool = at;
      break;
    }
    if (forced.length === r) break;
  }
  const need = r - forced.length;
  if (need === 0) return forced;
  const cost = (set: readonly number[]): number => {
    let s = 0;
    for (let i = 0; i < set.length; i++) for (let j = i + 1; j < set.length; j++) s += together[set[i]!]![set[j]!]!;
    return s;
  };
  if (binomial(pool.length, need) <= MAX_SUBSETS) {
    let best: number[] | null = null;
    let bestCost = Infinity;
    // The pool is in shuffled order, so the first minimum found is a seeded tie-break.
    for (const subset of combinations(pool, need)) {
      const c = cost([...forced, ...subset]);
      if (c < bestCost) {
        bestCost = c;
        best = subset;
      }
    }
    return [...forced, ...best!];
  }
  const chosen = [...forced];
  const rest = [...pool];
  while (chosen.length < r) {
    let bi = 0;
    let bc = Infinity;
    rest.forEach((c, i) => {
      const v = chosen.reduce((s, x) => s + together[c]![x]!, 0);
      if (v < bc) {
        bc = v;
        bi = i;
      }
    });
    chosen.push(rest.splice(bi, 1)[0]!);
  }
  return chosen;
}

/** Change of Σ t² over coder pairs when coder `out` is replaced by `into` in an overlap set. */
function moveDelta(set: readonly number[], out: number, into: number, t: readonly (readonly number[])[]): number {
  let d = 0;
  for (const x of set) if (x !== out) d += 2 * (t[into]![x]! - t[out]![x]!) + 2;
  return d;
}

function applyMove(set: number[], out: number, into: number, t: number[][]): void {
  for (const x of set) {
    if (x === out) continue;
    t[out]![x]!--;
    t[x]![out]!--;
    t[into]![x]!++;
    t[x]![into]!++;
  }
  set[set.indexOf(out)] = into;
}

/**
 * Local search on the greedy assignment: exchanges that leave every workload as it is — coder a of
 * one overlap unit with coder b of another, or a single unit's coder with a coder of an overlap
 * unit — are made while they lower Σ t² over coder pairs (t = units the pair shares), which evens
 * out the pair counts. Deterministic: a fixed scan order, first improvement.
 */
function balancePairs(sets: number[][], singles: number[], t: number[][]): void {
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let improved = false;
    for (let s = 0; s < singles.length; s++) {
      for (const set of sets) {
        const a = singles[s]!;
        if (set.includes(a)) continue;
        for (const b of [...set]) {
          if (moveDelta(set, b, a, t) < 0) {
            applyMove(set, b, a, t);
            singles[s] = b;
            improved = true;
            break;
          }
        }
      }
    }
    if (sets.length <= MAX_SWAP_UNITS) {
      for (let i = 0; i < sets.length; i++) {
        for (let j = i + 1; j < sets.length; j++) {
          const u = sets[i]!;
          const v = sets[j]!;
          for (const a of [...u]) {
            if (v.includes(a) || !u.includes(a)) continue;
            for (const b of [...v]) {
              if (u.includes(b)) continue;
              const d1 = moveDelta(u, a, b, t);
              applyMove(u, a, b, t);
              const d2 = moveDelta(v, b, a, t);
              if (d1 + d2 < 0) {
                applyMove(v, b, a, t);
                improved = true;
                break;
              }
              applyMove(u, b, a, t);
            }
          }
        }
      }
    }
    if (!improved) break;
  }
}

function binomial(n: number, k: number): number {
  let b = 1;
  for (let i = 1; i <= k; i++) b = (b * (n - k + i)) / i;
  return b;
}

function* combinations<T>(items: readonly T[], k: number, start = 0, prefix: T[] = []): Generator<T[]> {
  if (prefix.length === k) {
    yield [...prefix];
    return;
  }
  for (let i = start; i <= items.length - (k - prefix.length); i++) {
    prefix.push(items[i]!);
    yield* combinations(items, k, i + 1, prefix);
    prefix.pop();
  }
}

/** Units per coder and, for overlap units, the times each pair of coders shares a unit. */
export function assignmentSummary(assignments: readonly UnitAssignment[], coders: readonly string[]): { workload: Record<string, number>; overlapUnits: number; pairs: Record<string, number> } {
  const names = [...coders].sort();
  const workload: Record<string, number> = Object.fromEntries(names.map((c) => [c, 0]));
  const pairs: Record<string, number> = {};
  for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) pairs[`${names[i]}+${names[j]}`] = 0;
  let overlapUnits = 0;
  for (const a of assignments) {
    for (const c of a.coders) workload[c]!++;
    if (!a.overlap) continue;
    overlapUnits++;
    for (let i = 0; i < a.coders.length; i++) for (let j = i + 1; j < a.coders.length; j++) pairs[`${a.coders[i]}+${a.coders[j]}`]!++;
  }
  return { workload, overlapUnits, pairs };
}
