import { VindexError } from '../errors.js';
import { DEFAULT_ROUNDING_BASE } from './rules.js';
import { solveModel, type LinearConstraint, type Term, type VariableBounds } from './solver.js';
import type { TableSystem } from './system.js';
import { variableNames } from './audit.js';

/**
 * Zero-restricted controlled rounding (Cox 1987; Hundepool et al. 2012, §5.4.2) as an integer
 * program: each cell goes to one of its two adjacent multiples of the base (multiples, zeros
 * included, stay as they are) and every additivity constraint holds among the rounded values.
 * Among such roundings the one with the least total absolute change Σ|r_j − a_j| is chosen.
 * For a 2-dimensional table with margins one always exists (Cox 1987); for 3+ dimensions, linked
 * tables or hierarchies it may not, which is reported as VDX_DISCLOSURE_INFEASIBLE.
 */

export interface RoundingResult {
  readonly base: number;
  /** Rounded value of every cell, in cell order. */
  readonly values: ReadonlyMap<string, number>;
  /** Σ |rounded − original| over all cells. */
  readonly totalChange: number;
}

export async function controlledRounding(system: TableSystem, base: number = DEFAULT_ROUNDING_BASE, options: { readonly timeLimit?: number } = {}): Promise<RoundingResult> {
  if (!Number.isInteger(base) || base < 2) throw new VindexError('VDX_DISCLOSURE_TABLE', `rounding base must be a whole number ≥ 2, got ${base}`);
  const ids = [...system.cells.keys()];
  const floor = new Map(ids.map((id) => [id, Math.floor(system.cells.get(id)!.value / base) * base]));
  const free = ids.filter((id) => system.cells.get(id)!.value !== floor.get(id));
  const names = variableNames(free);
  const variables = new Map<string, VariableBounds>(free.map((id) => [names.get(id)!, { lower: 0, upper: 1 }]));
  // |r − a| = (a − f) + u (b − 2(a − f)); the constant part is added back after solving.
  const objective: Term[] = free.map((id) => ({ coef: base - 2 * (system.cells.get(id)!.value - floor.get(id)!), variable: names.get(id)! }));
  const constraints: LinearConstraint[] = [];
  for (const c of system.constraints) {
    // Σ_free ±u = (Σ f_parts − f_total) / b
    const terms: Term[] = [];
    if (names.has(c.total)) terms.push({ coef: 1, variable: names.get(c.total)! });
    for (const p of c.parts) if (names.has(p)) terms.push({ coef: -1, variable: names.get(p)! });
    const rhs = (c.parts.reduce((s, p) => s + floor.get(p)!, 0) - floor.get(c.total)!) / base;
    if (terms.length === 0) {
      if (rhs !== 0) throw new VindexError('VDX_INTERNAL', `rounding: constraint for ${c.total} cannot hold among multiples`);
      continue;
    }
    constraints.push({ terms, op: '=', rhs });
  }
  const result = await solveModel(
    { sense: 'minimize', objective, constraints, variables, integers: new Set(variables.keys()) },
    options.timeLimit !== undefined ? { timeLimit: options.timeLimit } : {},
  );
  if (result.status !== 'optimal') {
    throw new VindexError(
      'VDX_DISCLOSURE_INFEASIBLE',
      `no zero-restricted controlled rounding to base ${base} keeps every total additive for tables ${[...new Set(system.constraints.map((c) => c.table))].join(', ')} (solver: ${result.status}); use suppression, or round each table separately`,
    );
  }
  const values = new Map<string, number>();
  let totalChange = 0;
  for (const id of ids) {
    const u = names.has(id) ? Math.round(result.values.get(names.get(id)!) ?? 0) : 0;
    const r = floor.get(id)! + base * u;
    values.set(id, r);
    totalChange += Math.abs(r - system.cells.get(id)!.value);
  }
  return Object.freeze({ base, values, totalChange });
}
