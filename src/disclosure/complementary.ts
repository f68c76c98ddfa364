import { VindexError } from '../errors.js';
import { auditSuppression, variableNames, type AuditResult } from './audit.js';
import { bendersSuppression } from './benders.js';
import { splitComponents } from './components.js';
import type { Sensitivity } from './primary.js';
import { solveModel, type LinearConstraint, type Term, type VariableBounds } from './solver.js';
import type { TableSystem } from './system.js';

/**
 * Complementary (secondary) cell suppression as a mixed-integer program solved by HiGHS:
 * the model of Fischetti & Salazar-González (2001), also Hundepool et al. (2012) §4.3.2.
 *
 *   minimise Σ_j w_j s_j        s_j ∈ {0,1} (1 = suppressed), s_i = 1 for sensitive i
 *   for every sensitive i and direction ± an "attacker witness" y^{i±} (a change of the table):
 *     M y^{i±} = 0                         (each total still equals the sum of its parts)
 *     −a_j s_j ≤ y^{i±}_j ≤ U_j s_j        (only suppressed cells move; cells stay ≥ 0 / ≤ bound)
 *     y^{i+}_i = upper protection,  y^{i−}_i = −lower protection
 *
 * A witness pair for i exists exactly when the attacker's LP interval for i covers the required
 * protection interval, so every feasible pattern protects every modelled cell. U_j is the known
 * upper bound minus a_j, else Σ_j a_j + max protection (a bound, not a guarantee: the audit is).
 *
 * Tight bounds: the model is first solved with |y_j| ≤ P (P = the protection level of that
 * witness), i.e. y_j ∈ [−min(a_j, P), min(U_j, P)]. Any solution is still a valid witness (only
 * bounds were narrowed), and the LP relaxation is far stronger. For totally unimodular systems
 * (2-dimensional tables, hierarchies) nothing is lost: a witness decomposes conformally into
 * elementary vectors t_k·c_k with c_k ∈ {0, ±1}ⁿ (Rockafellar 1969); those through i carry
 * Σ t_k = P, so keeping only them gives a witness within the original bounds with |y_j| ≤ P.
 * For linked tables that are not totally unimodular the tight model may miss a cheaper pattern;
 * when it has no solution at all the loose model is solved instead.
 *
 * Constraint generation: only a batch of sensitive cells is modelled at first; the pattern is
 * audited (two LPs per suppressed cell), sensitive cells that fail join the model, and the MIP is
 * solved again until the audit passes. The result always carries the final audit.
 *
 * The witness model grows with (sensitive cells × table size) and does not scale: a 1143-cell
 * linked system with ~300 sensitive cells hit the time limit. Parts from WITNESS_MAX_CELLS cells
 * on are solved by the Benders decomposition of the same paper instead (benders.ts), whose master
 * holds only the s_j. Independent parts of the system (no constraint joins them) are solved separately.
 */

export type SuppressionCost = 'value' | 'count';

/**
 * Parts with fewer cells use the witness MIP by default: measured on seeded random grids (2 cores,
 * mean of 5), the witness MIP is as fast or faster up to about 30 cells (3×4: 111 ms vs 177 ms;
 * 4×5: 125 vs 140), Benders from about 40 (5×6: 67 vs 106; 6×8: 103 vs 281; 8×10: 300 vs 922),
 * and the witness MIP hits its time limit on a 1143-cell linked system that Benders solves in seconds.
 */
export const WITNESS_MAX_CELLS = 40;

export interface ComplementaryOptions {
  /**
   * 'value' (default): minimise the total of suppressed values, ties broken by the fewest cells
   * (w_j = a_j + 1/(N+1) for N cells). 'count': minimise the number of suppressed cells.
   */
  readonly cost?: SuppressionCost;
  /** Sensitive cells modelled (witness) or failing sides separated (Benders) per round; default 50. */
  readonly batch?: number;
  /** Seconds per MIP solve; default 60. */
  readonly timeLimit?: number;
  /**
   * 'benders': the capacity-cut decomposition (benders.ts), which scales to linked systems of
   * thousands of cells. 'witness': the explicit witness MIP below, two copies of the table per
   * sensitive cell. 'auto' (default): per independent part, witness below WITNESS_MAX_CELLS
   * cells, Benders from there (measured in bench/disclosure.ts; docs/disclosure.md).
   */
  readonly method?: 'auto' | 'benders' | 'witness';
  /** Benders: master MIPs solved to optimality before the cuts are covered greedily (default 25; see BendersOptions). */
  readonly maxRounds?: number;
}

export interface SuppressionPattern {
  /** Every suppressed cell (primary and secondary), in cell order. */
  readonly suppressed: readonly string[];
  readonly primary: readonly string[];
  readonly secondary: readonly string[];
  readonly audit: AuditResult;
  /** MIP rounds of constraint generation. */
  readonly rounds: number;
  /** Objective of the last MIP (Σ w_j s_j). */
  readonly cost: number;
  /**
   * True when every MIP behind the pattern was solved to proven optimality; false when a master
   * MIP stopped at its time limit and its incumbent was kept because the audit passed (the pattern
   * is safe — the audit is the guarantee — but may suppress more than the optimum).
   */
  readonly proven: boolean;
}

function witnessModel(
  system: TableSystem,
  modelled: readonly Sensitivity[],
  primary: ReadonlySet<string>,
  cost: SuppressionCost,
  loose: boolean,
): { constraints: LinearConstraint[]; variables: Map<string, VariableBounds>; integers: Set<string>; objective: Term[]; s: Map<string, string> } {
  const ids = [...system.cells.keys()];
  const s = variableNames(ids);
  const variables = new Map<string, VariableBounds>();
  const integers = new Set<string>();
  const objective: Term[] = [];
  const n = ids.length;
  const totalValue = ids.reduce((sum, id) => sum + system.cells.get(id)!.value, 0);
  const maxProtection = modelled.reduce((m, c) => Math.max(m, c.upperProtection, c.lowerProtection), 0);
  const bigM = Math.max(totalValue, 1) + maxProtection;
  for (const id of ids) {
    const name = s.get(id)!;
    variables.set(name, primary.has(id) ? { lower: 1, upper: 1 } : { lower: 0, upper: 1 });
    integers.add(name);
    const w = cost === 'count' ? 1 : system.cells.get(id)!.value + 1 / (n + 1);
    objective.push({ coef: w, variable: name });
  }
  const constraints: LinearConstraint[] = [];
  modelled.forEach((sens, k) => {
    const directions: Array<['u' | 'd', number]> = [];
    if (sens.upperProtection > 0) directions.push(['u', sens.upperProtection]);
    if (sens.lowerProtection > 0) directions.push(['d', -sens.lowerProtection]);
    for (const [dir, target] of directions) {
      const y = new Map(ids.map((id, j) => [id, `y${k}${dir}_${j}`]));
      const reach = Math.abs(target);
      ids.forEach((id) => {
        const cell = system.cells.get(id)!;
        const cap = cell.upperBound !== undefined ? cell.upperBound - cell.value : bigM;
        const up = loose ? cap : Math.min(cap, reach);
        const down = loose ? cell.value : Math.min(cell.value, reach);
        const name = y.get(id)!;
        variables.set(name, { lower: -down, upper: up });
        if (id === sens.id) {
          constraints.push({ terms: [{ coef: 1, variable: name }], op: '=', rhs: target });
        } else if (!primary.has(id)) {
          // y_j ≤ U_j s_j and y_j ≥ −a_j s_j: a published cell cannot move.
          if (up > 0) constraints.push({ terms: [{ coef: 1, variable: name }, { coef: -up, variable: s.get(id)! }], op: '<=', rhs: 0 });
          else variables.set(name, { lower: -cell.value, upper: 0 });
          if (down > 0) constraints.push({ terms: [{ coef: 1, variable: name }, { coef: down, variable: s.get(id)! }], op: '>=', rhs: 0 });
          else variables.set(name, { lower: 0, upper: variables.get(name)!.upper ?? Infinity });
        }
      });
      for (const c of system.constraints) {
        constraints.push({ terms: [{ coef: 1, variable: y.get(c.total)! }, ...c.parts.map((p) => ({ coef: -1, variable: y.get(p)! }))], op: '=', rhs: 0 });
      }
    }
  });
  return { constraints, variables, integers, objective, s };
}

/**
 * Finds a minimum-cost suppression pattern protecting every sensitive cell, and audits it.
 * Throws VDX_DISCLOSURE_INFEASIBLE when no pattern can protect the cells (e.g. known upper
 * bounds too tight).
 */
export async function complementarySuppression(
  system: TableSystem,
  sensitive: readonly Sensitivity[],
  options: ComplementaryOptions = {},
): Promise<SuppressionPattern> {
  const cost = options.cost ?? 'value';
  const batch = options.batch ?? 50;
  if (!Number.isInteger(batch) || batch < 1) throw new VindexError('VDX_DISCLOSURE_TABLE', `batch must be a whole number ≥ 1, got ${batch}`);
  const chosen = options.method ?? 'auto';
  if (chosen !== 'auto' && chosen !== 'benders' && chosen !== 'witness') throw new VindexError('VDX_DISCLOSURE_TABLE', `unknown complementary method ${String(chosen)} (auto, benders or witness)`);
  const parts = splitComponents(system);
  if (parts.length > 1) return solveParts(system, parts, sensitive, options);
  const primary = new Set(sensitive.map((c) => c.id));
  const order = [...system.cells.keys()];
  if (sensitive.length === 0) return patternOf(system, primary, [], await auditSuppression(system, [], sensitive), 0, 0, true);
  const method = chosen === 'auto' ? (system.cells.size < WITNESS_MAX_CELLS ? 'witness' : 'benders') : chosen;
  if (method === 'benders') {
    const b = await bendersSuppression(system, sensitive, { cost, batch, ...(options.timeLimit !== undefined ? { timeLimit: options.timeLimit } : {}), ...(options.maxRounds !== undefined ? { maxRounds: options.maxRounds } : {}) });
    // The full audit of every suppressed cell is the guarantee; the decomposition only proposes.
    const final = await auditSuppression(system, b.suppressed, sensitive);
    if (!final.pass) throw new VindexError('VDX_INTERNAL', `complementary suppression: the pattern fails its audit for ${final.failures.map((f) => f.id).join(', ')}`);
    return patternOf(system, primary, b.suppressed, final, b.rounds, b.cost, b.proven);
  }
  let audit = await auditSuppression(system, primary, sensitive);
  if (audit.pass) return patternOf(system, primary, order.filter((id) => primary.has(id)), audit, 0, 0, true);
  const modelled = new Map<string, Sensitivity>();
  const byId = new Map(sensitive.map((c) => [c.id, c]));
  let rounds = 0;
  let objectiveValue = 0;
  for (;;) {
    const fresh = audit.failures.filter((f) => !modelled.has(f.id)).slice(0, batch);
    if (fresh.length === 0) {
      const names = audit.failures.map((f) => `${f.id} [${f.lower}, ${f.upper}]`).join(', ');
      throw new VindexError('VDX_INTERNAL', `complementary suppression: the audit still fails for modelled cells ${names}`);
    }
    for (const f of fresh) modelled.set(f.id, byId.get(f.id)!);
    rounds += 1;
    const solve = async (loose: boolean) => {
      const m = witnessModel(system, [...modelled.values()], primary, cost, loose);
      const r = await solveModel(
        { sense: 'minimize', objective: m.objective, constraints: m.constraints, variables: m.variables, integers: m.integers },
        options.timeLimit !== undefined ? { timeLimit: options.timeLimit } : {},
      );
      return { m, r };
    };
    // Tight witness bounds first (|y_j| ≤ protection level); if that model has no solution, the loose one decides.
    let { m, r: result } = await solve(false);
    if (result.status !== 'optimal') ({ m, r: result } = await solve(true));
    if (result.status !== 'optimal') {
      throw new VindexError(
        'VDX_DISCLOSURE_INFEASIBLE',
        `no suppression pattern protects sensitive cell(s) ${[...modelled.keys()].join(', ')} (solver: ${result.status}); known upper bounds or the table structure leave no room`,
      );
    }
    objectiveValue = result.objective;
    const suppressed = order.filter((id) => (result.values.get(m.s.get(id)!) ?? 0) > 0.5);
    audit = await auditSuppression(system, suppressed, sensitive);
    if (audit.pass) return patternOf(system, primary, suppressed, audit, rounds, objectiveValue, true);
  }
}

/** Independent parts (splitComponents) are solved one by one; the merged pattern is audited as a whole. */
async function solveParts(
  system: TableSystem,
  parts: readonly TableSystem[],
  sensitive: readonly Sensitivity[],
  options: ComplementaryOptions,
): Promise<SuppressionPattern> {
  const hidden = new Set<string>();
  let rounds = 0;
  let cost = 0;
  let proven = true;
  for (const part of parts) {
    const own = sensitive.filter((s) => part.cells.has(s.id));
    if (own.length === 0) continue;
    const p = await complementarySuppression(part, own, options);
    for (const id of p.suppressed) hidden.add(id);
    rounds += p.rounds;
    cost += p.cost;
    proven &&= p.proven;
  }
  const suppressed = [...system.cells.keys()].filter((id) => hidden.has(id));
  const audit = await auditSuppression(system, suppressed, sensitive);
  if (!audit.pass) throw new VindexError('VDX_INTERNAL', `complementary suppression: the merged pattern fails its audit for ${audit.failures.map((f) => f.id).join(', ')}`);
  return patternOf(system, new Set(sensitive.map((s) => s.id)), suppressed, audit, rounds, cost, proven);
}

/** The result of a passing pattern; `suppressed` is in cell order, primary and secondary are derived from it. */
function patternOf(system: TableSystem, primary: ReadonlySet<string>, suppressed: readonly string[], audit: AuditResult, rounds: number, cost: number, proven: boolean): SuppressionPattern {
  return Object.freeze({
    suppressed,
    primary: [...system.cells.keys()].filter((id) => primary.has(id)),
    secondary: suppressed.filter((id) => !primary.has(id)),
    audit,
    rounds,
    cost,
    proven,
  });
}
