import { VindexError } from '../errors.js';
import { sensitiveFailures } from './audit.js';
import type { Sensitivity } from './primary.js';
import { solveModel, withConstraints, type LinearConstraint, type Term, type VariableBounds } from './solver.js';
import type { TableSystem } from './system.js';

/**
 * Complementary suppression by Benders decomposition: Fischetti & Salazar-González (2001),
 * "Solving the cell suppression problem on tabular data with linear constraints", Mgmt Sci 47(7).
 *
 * The witness MIP carries two continuous copies of the table per sensitive cell; here the master
 * MIP has only the binaries s_j, and the copies are replaced by "capacity cuts" found one at a
 * time. For a pattern s* and a sensitive cell i (direction up), the attacker's LP is
 *
 *   max y_i   s.t.  M y = 0,   −a_j s*_j ≤ y_j ≤ U_j s*_j
 *
 * and by LP duality its optimum equals
 *
 *   min Σ_j (U_j α_j + a_j β_j) s*_j   s.t.  Mᵀλ + α − β = e_i,  α, β ≥ 0,  λ free.
 *
 * A dual solution stays feasible for every pattern s (only the objective depends on s), so
 * Σ_j (U_j α_j + a_j β_j) s_j ≥ max y_i(s) for all s, and protection (max y_i ≥ UPL_i) needs
 *
 *   Σ_j c_j s_j ≥ UPL_i,   c_j = min(UPL_i, U_j α_j + a_j β_j)
 *
 * (capping is valid for binaries: one term at the cap already meets the right-hand side). When
 * the dual optimum at s* is below UPL_i the cut is violated by s* and joins the master. Down is
 * the same with −e_i and the lower protection level. The dual is solved explicitly as an LP, so
 * no solver dual-sign convention is relied on. Which cells to separate is told by the audit LPs
 * over the suppressed cells; the caller's full audit stays the guarantee.
 */

/** A capacity cut Σ coefs_j s_j ≥ rhs over cell ids, with the pattern it was separated from. */
export interface CapacityCut {
  readonly cell: string;
  readonly direction: 'up' | 'down';
  readonly coefs: ReadonlyMap<string, number>;
  readonly rhs: number;
  /** The suppressed cells of the pattern s* the cut was generated from (it violates the cut). */
  readonly from: readonly string[];
}

export interface BendersOptions {
  readonly cost: 'value' | 'count';
  /** Seconds per master MIP; default 60. */
  readonly timeLimit?: number;
  /** Failing sides separated per round; default 50. */
  readonly batch?: number;
  /**
   * Master MIPs solved to optimality before the search turns to covering the cuts greedily
   * (default 25). A count of rounds, not seconds, so the same tables give the same pattern on
   * any machine. Past it the pattern still passes the audit; only its minimality is unproven.
   */
  readonly maxRounds?: number;
  /** Called with every cut added (for tests). */
  readonly onCut?: (cut: CapacityCut) => void;
}

export interface BendersResult {
  /** Suppressed cells, in cell order; protects every side the separation can see (the caller audits it in full). */
  readonly suppressed: readonly string[];
  readonly rounds: number;
  readonly cost: number;
  /** False when the last master MIP stopped at its time limit with an incumbent, or the round budget ran out and the cuts were covered greedily (minimality not proven). */
  readonly proven: boolean;
}

/**
 * Covers every cut not yet met by `hidden`, cheapest first: for a violated cut, suppress the
 * unsuppressed cell with the least weight per unit of the remaining shortfall until it holds.
 * Cuts are valid for every pattern, so this only adds cells a protecting pattern may need; the
 * audit that follows decides whether more cuts are due (Fischetti & Salazar-González 2001, §5:
 * the rounding heuristic on the master).
 */
export function coverCuts(hidden: Set<number>, cuts: readonly { coefs: ReadonlyMap<number, number>; rhs: number }[], weight: readonly number[], lp?: ReadonlyMap<number, number>): void {
  // LP-guided: cells the relaxation suppresses at least half go first; the rest are picked by weight per shortfall, discounted by their LP value.
  if (lp) for (const [j, x] of lp) if (x >= 0.5) hidden.add(j);
  const discount = (j: number): number => 1 + 4 * (lp?.get(j) ?? 0);
  for (const cut of cuts) {
    let met = 0;
    for (const [j, c] of cut.coefs) if (hidden.has(j)) met += c;
    while (met < cut.rhs - 1e-6) {
      const short = cut.rhs - met;
      let best = -1;
      let bestRatio = Infinity;
      for (const [j, c] of cut.coefs) {
        if (hidden.has(j) || c <= 0) continue;
        const ratio = weight[j]! / Math.min(c, short) / discount(j);
        if (ratio < bestRatio || (ratio === bestRatio && j < best)) [best, bestRatio] = [j, ratio];
      }
      if (best < 0) break; // nothing left to add: the audit will report the cell as infeasible
      hidden.add(best);
      met += cut.coefs.get(best)!;
    }
  }
}

/**
 * Cheap tie-breaking cost for the dual variables of published cells, relative to their (capped)
 * capacity: among optimal duals the LP then prefers one that leans on few, small published cells,
 * so the cut asks for little — a strong cut (Fischetti & Salazar-González 2001, §4).
 */
const EPS = 1e-6;
const TOL = 1e-7;

interface Structure {
  readonly ids: readonly string[];
  /** Cell index → [(constraint index, ±1)] — the columns of M. */
  readonly incidence: readonly (readonly [number, number][])[];
  readonly value: readonly number[];
  /** U_j: known upper bound − value, or Infinity. */
  readonly room: readonly number[];
}

function structure(system: TableSystem): Structure {
  const ids = [...system.cells.keys()];
  const index = new Map(ids.map((id, j) => [id, j]));
  const incidence: [number, number][][] = ids.map(() => []);
  system.constraints.forEach((c, k) => {
    incidence[index.get(c.total)!]!.push([k, 1]);
    for (const p of c.parts) incidence[index.get(p)!]!.push([k, -1]);
  });
  const value = ids.map((id) => system.cells.get(id)!.value);
  const room = ids.map((id) => {
    const cell = system.cells.get(id)!;
    return cell.upperBound !== undefined ? cell.upperBound - cell.value : Infinity;
  });
  return { ids, incidence, value, room };
}

interface SideRequest {
  readonly target: number;
  readonly direction: 'up' | 'down';
  readonly protection: number;
}

interface Separated {
  readonly coefs: Map<number, number>;
  readonly violated: boolean;
}

/**
 * Solves the dual of the attacker LP at pattern s* (`hidden`) for each requested cell and side;
 * returns each cut and whether s* violates it (undefined: the side cannot be cut, the attacker's
 * LP being unbounded). All requests share the dual LP except the right-hand side ±e_i, so one
 * model is loaded and re-solved warm. `eps` 0 gives the plain dual optimum; `cap` caps the
 * capacities in the tie-breaking costs.
 */
async function separate(st: Structure, nConstraints: number, hidden: ReadonlySet<number>, requests: readonly SideRequest[], eps: number, cap: number): Promise<(Separated | undefined)[]> {
  const variables = new Map<string, VariableBounds>();
  const objective: Term[] = [];
  for (let k = 0; k < nConstraints; k++) variables.set(`l${k}`, { lower: -Infinity, upper: Infinity });
  const constraints: LinearConstraint[] = [];
  for (let j = 0; j < st.ids.length; j++) {
    const a = st.value[j]!;
    const U = st.room[j]!;
    const terms: Term[] = st.incidence[j]!.map(([k, sign]) => ({ coef: sign, variable: `l${k}` }));
    const on = hidden.has(j);
    // α_j prices the room above a_j; with no known bound a suppressed cell has infinite room, so α_j = 0.
    // A zero price (a_j = 0 or U_j = 0) keeps its variable: the bound y_j ≥ 0 or y_j ≤ 0 still binds.
    if (!(on && U === Infinity)) {
      variables.set(`a${j}`, {});
      terms.push({ coef: 1, variable: `a${j}` });
      const c = on ? U : eps * Math.min(U, cap);
      if (c !== 0) objective.push({ coef: c, variable: `a${j}` });
    }
    variables.set(`b${j}`, {});
    terms.push({ coef: -1, variable: `b${j}` });
    const c = on ? a : eps * Math.min(a, cap);
    if (c !== 0) objective.push({ coef: c, variable: `b${j}` });
    // Row j is cell j's: (Mᵀλ)_j + α_j − β_j = ±1 for the target, 0 otherwise.
    constraints.push({ terms, op: '=', rhs: 0 });
  }
  return withConstraints({ sense: 'minimize', objective, constraints, variables }, async (solve) =>
    requests.map(({ target, direction, protection }) => {
      const r = solve({ rhs: new Map([[target, direction === 'up' ? 1 : -1]]) });
      // Dual infeasible ⇔ the attacker's LP is unbounded in this direction: the side is protected.
      if (r.status !== 'optimal') return undefined;
      const coefs = new Map<number, number>();
      let lhs = 0;
      for (let j = 0; j < st.ids.length; j++) {
        const alpha = r.values.get(`a${j}`) ?? 0;
        const beta = r.values.get(`b${j}`) ?? 0;
        const U = st.room[j]!;
        const raw = (alpha > TOL ? (U === Infinity ? Infinity : U * alpha) : 0) + (beta > TOL ? st.value[j]! * beta : 0);
        // Rounded up to 1e-7: a larger coefficient only weakens the cut, so float dust never makes it invalid.
        const c = Math.min(protection, Math.ceil(raw * 1e7 - 1e-3) / 1e7);
        if (c > 0) {
          coefs.set(j, c);
          if (hidden.has(j)) lhs += c;
        }
      }
      return { coefs, violated: lhs < protection - 1e-6 };
    }),
  );
}

/** Runs the decomposition for one connected system. Throws VDX_DISCLOSURE_INFEASIBLE when the master has no solution. */
export async function bendersSuppression(system: TableSystem, sensitive: readonly Sensitivity[], options: BendersOptions): Promise<BendersResult> {
  const st = structure(system);
  const n = st.ids.length;
  const m = system.constraints.length;
  const index = new Map(st.ids.map((id, j) => [id, j]));
  const primary = new Set(sensitive.map((s) => index.get(s.id)!));
  const byId = new Map(sensitive.map((s) => [s.id, s]));
  const batch = options.batch ?? 50;
  const weight = st.value.map((a) => (options.cost === 'count' ? 1 : a + 1 / (n + 1)));
  const cuts: { coefs: Map<number, number>; rhs: number }[] = [];
  const cap = sensitive.reduce((x, c) => Math.max(x, c.upperProtection, c.lowerProtection), 0);

  /** `seed`: sides that already hold at s* are skipped (at the primary-only pattern); otherwise every side named must fail. */
  const addCuts = async (hidden: ReadonlySet<number>, sides: readonly { id: string; up: boolean; down: boolean }[], seed: boolean): Promise<number> => {
    let added = 0;
    const from = st.ids.filter((_, j) => hidden.has(j));
    const requests: SideRequest[] = [];
    for (const side of sides) {
      const s = byId.get(side.id)!;
      const target = index.get(s.id)!;
      if (side.up && s.upperProtection > 0) requests.push({ target, direction: 'up', protection: s.upperProtection });
      if (side.down && s.lowerProtection > 0) requests.push({ target, direction: 'down', protection: s.lowerProtection });
    }
    const found = await separate(st, m, hidden, requests, EPS, cap);
    // The tie-breaking costs can, at the margin, pick a dual that s* does not violate; the plain dual decides then.
    const retry = requests.filter((_, q) => found[q] && !found[q]!.violated);
    if (retry.length > 0) {
      const plain = await separate(st, m, hidden, retry, 0, cap);
      retry.forEach((req, q) => (found[requests.indexOf(req)] = plain[q]));
    }
    requests.forEach((req, q) => {
      const cut = found[q];
      const id = st.ids[req.target]!;
      if (!cut || !cut.violated) {
        if (seed) return;
        throw new VindexError('VDX_INTERNAL', `complementary suppression: no violated cut for ${id} (${req.direction}) although its side fails`);
      }
      cuts.push({ coefs: cut.coefs, rhs: req.protection });
      added += 1;
      options.onCut?.(Object.freeze({ cell: id, direction: req.direction, coefs: new Map([...cut.coefs].map(([j, c]) => [st.ids[j]!, c])), rhs: req.protection, from }));
    });
    return added;
  };

  // Seed: one cut per sensitive cell and side at the primary-only pattern.
  const seedSides = sensitive.map((s) => ({ id: s.id, up: true, down: true }));
  await addCuts(primary, seedSides, true);

  const names = st.ids.map((_, j) => `s${j}`);
  const maxRounds = options.maxRounds ?? 25;
  /** The cuts over the non-primary cells (a cut the primary cells meet alone is dropped). */
  const masterConstraints = (): LinearConstraint[] => {
    const constraints: LinearConstraint[] = [];
    for (const cut of cuts) {
      let rhs = cut.rhs;
      const terms: Term[] = [];
      for (const [j, c] of cut.coefs) {
        if (primary.has(j)) rhs -= c;
        else terms.push({ coef: c, variable: names[j]! });
      }
      if (rhs <= 1e-9) continue;
      constraints.push({ terms, op: '>=', rhs });
    }
    return constraints;
  };
  let rounds = 0;
  let hidden = new Set<number>(primary);
  for (;;) {
    rounds += 1;
    if (rounds > maxRounds) {
      // Round budget spent: round the master's LP relaxation and cover the cuts greedily from the last pattern, audit, separate, repeat.
      const relaxed = await solveModel({ sense: 'minimize', objective: names.map((name, j) => ({ coef: weight[j]!, variable: name })), constraints: masterConstraints(), variables: new Map(names.map((name, j) => [name, hidden.has(j) ? { lower: 1, upper: 1 } : { lower: 0, upper: 1 }])) });
      const lp = new Map<number, number>();
      if (relaxed.status === 'optimal') names.forEach((name, j) => lp.set(j, relaxed.values.get(name) ?? 0));
      coverCuts(hidden, cuts, weight, lp);
      const suppressed = st.ids.filter((_, j) => hidden.has(j));
      const failing = await sensitiveFailures(system, suppressed, sensitive, batch);
      if (failing.length === 0) return { suppressed, rounds, cost: [...hidden].reduce((t, j) => t + weight[j]!, 0), proven: false };
      const before = cuts.length;
      await addCuts(hidden, failing, false);
      if (cuts.length === before) throw new VindexError('VDX_INTERNAL', 'complementary suppression: the greedy phase found no new cut for a failing side');
      if (hidden.size === n) throw new VindexError('VDX_DISCLOSURE_INFEASIBLE', `no suppression pattern protects sensitive cell(s) ${failing.map((f) => f.id).join(', ')}: even suppressing every cell does not`);
      continue;
    }
    const variables = new Map<string, VariableBounds>(names.map((name, j) => [name, primary.has(j) ? { lower: 1, upper: 1 } : { lower: 0, upper: 1 }]));
    const constraints = masterConstraints();
    const r = await solveModel(
      { sense: 'minimize', objective: names.map((name, j) => ({ coef: weight[j]!, variable: name })), constraints, variables, integers: new Set(names) },
      { ...(options.timeLimit !== undefined ? { timeLimit: options.timeLimit } : {}), acceptIncumbent: true },
    );
    if (r.status !== 'optimal' && r.status !== 'feasible') {
      throw new VindexError(
        'VDX_DISCLOSURE_INFEASIBLE',
        `no suppression pattern protects sensitive cell(s) ${sensitive.map((s) => s.id).join(', ')} (solver: ${r.status}); known upper bounds or the table structure leave no room`,
      );
    }
    hidden = new Set<number>();
    for (let j = 0; j < n; j++) if (primary.has(j) || (r.values.get(names[j]!) ?? 0) > 0.5) hidden.add(j);
    const suppressed = st.ids.filter((_, j) => hidden.has(j));
    const failing = await sensitiveFailures(system, suppressed, sensitive, batch);
    if (failing.length === 0) return { suppressed, rounds, cost: r.objective, proven: r.status === 'optimal' };
    await addCuts(hidden, failing, false);
  }
}
