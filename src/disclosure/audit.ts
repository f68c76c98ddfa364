import { VindexError } from '../errors.js';
import type { Sensitivity } from './primary.js';
import { withConstraints, type LinearConstraint, type Term } from './solver.js';
import type { TableSystem } from './system.js';

/**
 * The attacker audit of a suppression pattern (Hundepool et al. 2012, §4.3.1, "interval
 * audit"; Fischetti & Salazar-González 2001, the attacker problem): for every suppressed cell,
 * the min and max of the cell over all non-negative solutions of the additivity constraints with
 * published cells fixed (and known upper bounds). The attacker knows counts are whole numbers,
 * so LP bounds are rounded inwards (⌈min⌉, ⌊max⌋) — never wider than what they can deduce.
 */

export interface AuditedCell {
  readonly id: string;
  readonly value: number;
  /** Tightest lower bound the attacker can deduce. */
  readonly lower: number;
  /** Tightest upper bound the attacker can deduce; Infinity when nothing bounds it. */
  readonly upper: number;
  /** Present for sensitive cells: the interval the attacker must not be able to narrow. */
  readonly required?: { readonly lower: number; readonly upper: number };
  /** False only for a sensitive cell whose deducible interval is narrower than required. */
  readonly pass: boolean;
}

export interface AuditResult {
  readonly pass: boolean;
  /** Every suppressed cell, in cell order. */
  readonly cells: readonly AuditedCell[];
  /** Sensitive cells that fail (and sensitive cells left published, which always fail). */
  readonly failures: readonly AuditedCell[];
}

const TOL = 1e-6;

/** The interval the attacker must not be able to narrow for a sensitive cell. */
function requiredInterval(s: Sensitivity): { lower: number; upper: number } {
  return { lower: s.value - s.lowerProtection, upper: s.value + s.upperProtection };
}

/** Variable names for the LP: cell ids may hold characters LP format does not allow. */
export function variableNames(ids: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  let i = 0;
  for (const id of ids) out.set(id, `x${i++}`);
  return out;
}

/** The attacker's constraints: additivity with published cells moved to the right-hand side. */
export function attackerConstraints(system: TableSystem, suppressed: ReadonlySet<string>, names: ReadonlyMap<string, string>): LinearConstraint[] {
  const out: LinearConstraint[] = [];
  for (const c of system.constraints) {
    const terms: Term[] = [];
    let rhs = 0;
    const add = (id: string, coef: number): void => {
      if (suppressed.has(id)) terms.push({ coef, variable: names.get(id)! });
      else rhs -= coef * system.cells.get(id)!.value;
    };
    add(c.total, 1);
    for (const p of c.parts) add(p, -1);
    if (terms.length > 0) out.push({ terms, op: '=', rhs });
  }
  return out;
}

/**
 * Runs `use` with the attacker's LP over the suppressed cells of a pattern loaded once;
 * `bound(id, sense)` gives one side of a cell's interval (±Infinity when unbounded); `seen`, when
 * given, receives the attacker's optimal table (cell id → value) of every bounded solve.
 */
async function withAttackerProblem<T>(
  system: TableSystem,
  hidden: ReadonlySet<string>,
  use: (ids: readonly string[], bound: (id: string, sense: 'minimize' | 'maximize', seen?: (value: (id: string) => number) => void) => number) => Promise<T>,
): Promise<T> {
  const ids = [...system.cells.keys()].filter((id) => hidden.has(id));
  const names = variableNames(ids);
  const constraints = attackerConstraints(system, hidden, names);
  const variables = new Map(ids.map((id) => [names.get(id)!, { lower: 0, upper: system.cells.get(id)!.upperBound ?? Infinity }]));
  return withConstraints({ constraints, variables }, (solve) =>
    use(ids, (id, sense, seen) => {
      const r = solve({ objective: { sense, terms: [{ coef: 1, variable: names.get(id)! }] } });
      if (r.status === 'optimal') {
        seen?.((cell) => r.values.get(names.get(cell)!)!);
        return r.objective;
      }
      // The true values are always feasible, so "infeasible or unbounded" means unbounded.
      if (r.status === 'unbounded' || r.status === 'infeasible-or-unbounded') return sense === 'maximize' ? Infinity : -Infinity;
      throw new VindexError('VDX_INTERNAL', `audit: the attacker problem for ${id} is infeasible although the published values are consistent`);
    }),
  );
}

/** LP bounds rounded inwards: the attacker knows counts are whole and ≥ 0. */
function integerInterval(lo: number, hi: number): { lower: number; upper: number } {
  return { lower: Math.max(0, Math.ceil(lo - TOL)), upper: hi === Infinity ? Infinity : Math.floor(hi + TOL) };
}

/** A sensitive cell that fails, and on which side(s): `up` when the attacker's upper bound is too low, `down` when the lower bound is too high. */
export interface SideFailure {
  readonly id: string;
  readonly up: boolean;
  readonly down: boolean;
}

/**
 * The same test as auditSuppression, for sensitive cells only, one side at a time and stopping
 * after `limit` failing sides: the cheap check inside a solution loop. A side already reached by
 * an earlier LP's optimal table needs no LP of its own. It proves nothing about a
 * final pattern on its own (that is auditSuppression's job); it only tells where a pattern fails.
 */
export async function sensitiveFailures(
  system: TableSystem,
  suppressed: Iterable<string>,
  sensitive: readonly Sensitivity[],
  limit = Infinity,
): Promise<SideFailure[]> {
  const hidden = new Set(suppressed);
  const hiddenSensitive = sensitive.filter((s) => hidden.has(s.id));
  // An optimal attacker table of one LP is a feasible table for all: wherever it already reaches a
  // sensitive cell's required bound, that side is proven protected without an LP of its own.
  const provenUp = new Set<string>();
  const provenDown = new Set<string>();
  const record = (value: (id: string) => number): void => {
    for (const s of hiddenSensitive) {
      const x = value(s.id);
      if (x >= s.value + s.upperProtection - TOL) provenUp.add(s.id);
      if (x <= s.value - s.lowerProtection + TOL) provenDown.add(s.id);
    }
  };
  return withAttackerProblem(system, hidden, async (_ids, bound) => {
    const out: SideFailure[] = [];
    let sides = 0;
    for (const s of sensitive) {
      if (sides >= limit) break;
      const required = requiredInterval(s);
      if (!hidden.has(s.id)) {
        out.push({ id: s.id, up: s.upperProtection > 0, down: s.lowerProtection > 0 });
        sides += 2;
        continue;
      }
      const down = s.lowerProtection > 0 && !provenDown.has(s.id) && integerInterval(bound(s.id, 'minimize', record), Infinity).lower > required.lower;
      const up = s.upperProtection > 0 && !provenUp.has(s.id) && integerInterval(0, bound(s.id, 'maximize', record)).upper < required.upper;
      if (up || down) {
        out.push({ id: s.id, up, down });
        sides += Number(up) + Number(down);
      }
    }
    return out;
  });
}

export async function auditSuppression(
  system: TableSystem,
  suppressed: Iterable<string>,
  sensitive: readonly Sensitivity[],
): Promise<AuditResult> {
  const hidden = new Set(suppressed);
  for (const id of hidden) {
    if (!system.cells.has(id)) throw new VindexError('VDX_DISCLOSURE_TABLE', `audit: suppressed cell ${id} is not in the tables`);
  }
  const byId = new Map(sensitive.map((s) => [s.id, s]));
  const cells: AuditedCell[] = [];
  const failures: AuditedCell[] = [];
  await withAttackerProblem(system, hidden, async (ids, bound) => {
    for (const id of ids) {
      const value = system.cells.get(id)!.value;
      const { lower, upper } = integerInterval(bound(id, 'minimize'), bound(id, 'maximize'));
      const s = byId.get(id);
      const required = s ? requiredInterval(s) : undefined;
      const pass = required ? lower <= required.lower && upper >= required.upper : true;
      const cell: AuditedCell = Object.freeze(required ? { id, value, lower, upper, required, pass } : { id, value, lower, upper, pass });
      cells.push(cell);
      if (!pass) failures.push(cell);
    }
  });
  for (const s of sensitive) {
    if (!hidden.has(s.id)) {
      failures.push(Object.freeze({ id: s.id, value: s.value, lower: s.value, upper: s.value, required: requiredInterval(s), pass: false }));
    }
  }
  return Object.freeze({ pass: failures.length === 0, cells: Object.freeze(cells), failures: Object.freeze(failures) });
}
