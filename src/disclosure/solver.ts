import type { Highs, InitOptions, ModelData } from 'highs';
import { VindexError } from '../errors.js';

/**
 * The one door to the HiGHS LP/MIP solver (Huangfu & Hall 2018; npm `highs`, HiGHS compiled to
 * WebAssembly). Models are plain data; they are written as CPLEX LP text here and nowhere else,
 * so no other module depends on the package's API. The WASM module loads once per process.
 */

/** The solver recorded in method records (a test holds the version to the installed package). */
export const SOLVER = Object.freeze({ name: 'HiGHS', package: 'highs', version: '1.15.3' } as const);

/** A linear term: coefficient × variable. */
export interface Term {
  readonly coef: number;
  readonly variable: string;
}

export interface LinearConstraint {
  readonly terms: readonly Term[];
  readonly op: '<=' | '>=' | '=';
  readonly rhs: number;
}

export interface VariableBounds {
  /** Default 0. -Infinity for free below. */
  readonly lower?: number;
  /** Default +Infinity. */
  readonly upper?: number;
}

export interface LinearModel {
  readonly sense: 'minimize' | 'maximize';
  readonly objective: readonly Term[];
  readonly constraints: readonly LinearConstraint[];
  /** Every variable must appear here (its bounds; `{}` for [0, ∞)). */
  readonly variables: ReadonlyMap<string, VariableBounds>;
  /** Variables restricted to integers. */
  readonly integers?: ReadonlySet<string>;
}

export type SolveResult =
  | { readonly status: 'optimal'; readonly objective: number; readonly values: ReadonlyMap<string, number> }
  /**
   * Only with `acceptIncumbent`: the time limit stopped a MIP that had a feasible incumbent (checked
   * here against every bound, integrality and constraint), so its optimality is not proven.
   */
  | { readonly status: 'feasible'; readonly objective: number; readonly values: ReadonlyMap<string, number> }
  | { readonly status: 'infeasible' }
  | { readonly status: 'unbounded' }
  /** HiGHS presolve proved one of the two without telling which. */
  | { readonly status: 'infeasible-or-unbounded' };

type Loader = (options?: InitOptions) => Promise<Highs>;
let highsPromise: Promise<Highs> | undefined;

/** The package is CommonJS-typed; under Node ESM its loader is the default export (or its `default`). */
async function loadHighs(): Promise<Highs> {
  const mod = (await import('highs')) as unknown as { default: Loader | { default: Loader } };
  const loader = typeof mod.default === 'function' ? mod.default : mod.default.default;
  return loader();
}

function highs(): Promise<Highs> {
  const pending =
    highsPromise ??
    loadHighs().catch((error: unknown) => {
      highsPromise = undefined;
      throw new VindexError('VDX_SOLVER_FAILED', `the HiGHS solver (WebAssembly) could not be loaded: ${String(error)}`);
    });
  highsPromise = pending;
  return pending;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.]*$/;

function num(x: number): string {
  if (!Number.isFinite(x)) throw new VindexError('VDX_INTERNAL', `non-finite coefficient ${x} in an LP model`);
  // LP format has no exponent-free requirement but keep plain decimals for readability.
  return String(x);
}

function expression(terms: readonly Term[]): string {
  if (terms.length === 0) return '0 __zero';
  return terms
    .map((t, i) => {
      const sign = t.coef < 0 ? '-' : '+';
      const abs = Math.abs(t.coef);
      const body = `${abs === 1 ? '' : num(abs) + ' '}${t.variable}`;
      return i === 0 ? (t.coef < 0 ? `- ${body}` : body) : `${sign} ${body}`;
    })
    .join(' ');
}

/** Writes a model as CPLEX LP text (the format `highs.solve` reads). Lines are wrapped to stay under the LP-format line limit. */
export function toLpText(model: LinearModel): string {
  const needsZero = model.objective.length === 0 || model.constraints.some((c) => c.terms.length === 0);
  for (const name of model.variables.keys()) {
    if (!NAME.test(name)) throw new VindexError('VDX_INTERNAL', `invalid LP variable name ${JSON.stringify(name)}`);
  }
  const wrap = (s: string): string => s.replace(/(.{200,}?) ([+-] )/g, '$1\n  $2');
  const lines: string[] = [model.sense === 'minimize' ? 'Minimize' : 'Maximize', wrap(` obj: ${expression(model.objective)}`), 'Subject To'];
  model.constraints.forEach((c, i) => {
    lines.push(wrap(` c${i}: ${expression(c.terms)} ${c.op} ${num(c.rhs)}`));
  });
  if (model.constraints.length === 0) lines.push(' c_empty: 0 __zero = 0');
  lines.push('Bounds');
  for (const [name, b] of model.variables) {
    const lo = b.lower ?? 0;
    const hi = b.upper ?? Infinity;
    const loText = lo === -Infinity ? '-inf' : num(lo);
    const hiText = hi === Infinity ? '+inf' : num(hi);
    lines.push(` ${loText} <= ${name} <= ${hiText}`);
  }
  if (needsZero || model.constraints.length === 0) lines.push(' __zero = 0');
  const ints = [...(model.integers ?? [])];
  if (ints.length > 0) {
    lines.push('Generals');
    for (let i = 0; i < ints.length; i += 20) lines.push(' ' + ints.slice(i, i + 20).join(' '));
  }
  lines.push('End');
  return lines.join('\n') + '\n';
}

export interface SolveOptions {
  /** Seconds; default 60. Reaching it without a proven optimum is an error (fail closed) unless `acceptIncumbent`. */
  readonly timeLimit?: number;
  /**
   * At the time limit, return a feasible incumbent as status 'feasible' instead of throwing. For
   * callers that check the solution independently (the suppression audit), never for a final answer.
   */
  readonly acceptIncumbent?: boolean;
}

const FEAS_TOL = 1e-6;

/**
 * Whether values satisfy every bound, integrality and constraint of the model. The legacy HiGHS
 * result at a time limit "can carry the best solution available, but does not imply one exists"
 * (package types), so an incumbent is believed only after this check.
 */
function satisfies(model: LinearModel, values: ReadonlyMap<string, number>): boolean {
  for (const [name, b] of model.variables) {
    const x = values.get(name);
    if (x === undefined || !Number.isFinite(x)) return false;
    if (x < (b.lower ?? 0) - FEAS_TOL || x > (b.upper ?? Infinity) + FEAS_TOL) return false;
    if (model.integers?.has(name) && Math.abs(x - Math.round(x)) > FEAS_TOL) return false;
  }
  for (const c of model.constraints) {
    const lhs = c.terms.reduce((sum, t) => sum + t.coef * values.get(t.variable)!, 0);
    const tol = FEAS_TOL * Math.max(1, Math.abs(c.rhs));
    if ((c.op === '<=' || c.op === '=') && lhs > c.rhs + tol) return false;
    if ((c.op === '>=' || c.op === '=') && lhs < c.rhs - tol) return false;
  }
  return true;
}

/**
 * Solves a model to proven optimality (MIP relative gap 0). Infeasible and unbounded models are
 * results, not errors; any other outcome (time limit, solver error) throws VDX_SOLVER_FAILED,
 * except a checked incumbent at the time limit when the caller asks for it (`acceptIncumbent`).
 */
/**
 * The model as HiGHS structured data (columns in `variables` order, rows in CSR form). Passing
 * arrays instead of LP text matters for speed: parsing the text of a 3000-column LP took longer
 * than solving it. toLpText stays the readable form of the same model.
 */
function modelData(model: LinearModel): { data: ModelData; names: string[] } {
  const names = [...model.variables.keys()];
  const index = new Map<string, number>();
  names.forEach((name, j) => {
    if (!NAME.test(name)) throw new VindexError('VDX_INTERNAL', `invalid LP variable name ${JSON.stringify(name)}`);
    index.set(name, j);
  });
  const column = (name: string): number => {
    const j = index.get(name);
    if (j === undefined) throw new VindexError('VDX_INTERNAL', `LP model uses undeclared variable ${name}`);
    return j;
  };
  const finite = (x: number): number => {
    if (!Number.isFinite(x)) throw new VindexError('VDX_INTERNAL', `non-finite coefficient ${x} in an LP model`);
    return x;
  };
  const colCost = new Float64Array(names.length);
  for (const t of model.objective) colCost[column(t.variable)]! += finite(t.coef);
  const colLower = Float64Array.from(names, (name) => model.variables.get(name)!.lower ?? 0);
  const colUpper = Float64Array.from(names, (name) => model.variables.get(name)!.upper ?? Infinity);
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower = new Float64Array(model.constraints.length);
  const rowUpper = new Float64Array(model.constraints.length);
  model.constraints.forEach((c, i) => {
    // A row may name a variable once only: repeated terms are added up.
    const row = new Map<number, number>();
    for (const t of c.terms) row.set(column(t.variable), (row.get(column(t.variable)) ?? 0) + finite(t.coef));
    for (const [j, v] of row) {
      indices.push(j);
      values.push(v);
    }
    starts.push(indices.length);
    rowLower[i] = c.op === '<=' ? -Infinity : finite(c.rhs);
    rowUpper[i] = c.op === '>=' ? Infinity : finite(c.rhs);
  });
  const ints = model.integers ?? new Set<string>();
  const data: ModelData = {
    numCols: names.length,
    numRows: model.constraints.length,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows: model.constraints.length, numCols: names.length, starts: Int32Array.from(starts), indices: Int32Array.from(indices), values: Float64Array.from(values) },
    ...(ints.size > 0 ? { integrality: Int32Array.from(names, (name) => (ints.has(name) ? 1 : 0)) } : {}),
  };
  return { data, names };
}

/**
 * Solves a model to proven optimality (MIP relative gap 0). Infeasible and unbounded models are
 * results, not errors; any other outcome (time limit, solver error) throws VDX_SOLVER_FAILED,
 * except a checked incumbent at the time limit when the caller asks for it (`acceptIncumbent`).
 */
export async function solveModel(model: LinearModel, options: SolveOptions = {}): Promise<SolveResult> {
  const solver = await highs();
  const { data, names } = modelData(model);
  const sense = model.sense === 'minimize' ? solver.constants.objectiveSense.minimize : solver.constants.objectiveSense.maximize;
  let status: number;
  let objective: number;
  let colValue: Float64Array;
  let primalStatus: number;
  try {
    const m = solver.createModel({ ...data, sense });
    try {
      m.options.set({ output_flag: false, log_to_console: false, mip_rel_gap: 0, time_limit: options.timeLimit ?? 60 });
      try {
        m.run();
      } catch {
        // A warm-started simplex can fail numerically after many bound changes (seen as "run
        // failed with HiGHS status -1" on a 2,000-series demo); the remedy is a cold start from
        // the same model, so drop the basis and solve once more before giving up.
        m.clearSolver();
        m.run();
      }
      status = m.getModelStatus();
      objective = m.getObjectiveValue();
      colValue = m.getSolution().colValue;
      primalStatus = Number(m.info.get('primal_solution_status'));
    } finally {
      m.dispose();
    }
  } catch (error) {
    throw new VindexError('VDX_SOLVER_FAILED', `HiGHS rejected the model: ${String(error)}`);
  }
  const codes = solver.constants.modelStatus;
  const values = (): Map<string, number> => new Map(names.map((name, j) => [name, colValue[j]!]));
  switch (status) {
    case codes.optimal:
      return { status: 'optimal', objective, values: values() };
    case codes.timeLimit: {
      // primal_solution_status 2 = feasible (HiGHS kSolutionStatusFeasible); checked again here all the same.
      if (options.acceptIncumbent && primalStatus === 2) {
        const v = values();
        if (satisfies(model, v)) return { status: 'feasible', objective, values: v };
      }
      throw new VindexError('VDX_SOLVER_FAILED', `HiGHS stopped at the time limit (no proven optimum${options.acceptIncumbent ? ' and no feasible incumbent' : ''})`);
    }
    default:
      return withoutOptimum(status, codes);
  }
}

/** Infeasible and unbounded are results; any other status without an optimum is a solver failure. */
function withoutOptimum(status: number, codes: { readonly infeasible: number; readonly unbounded: number; readonly unboundedOrInfeasible: number }): SolveResult {
  switch (status) {
    case codes.infeasible:
      return { status: 'infeasible' };
    case codes.unbounded:
      return { status: 'unbounded' };
    case codes.unboundedOrInfeasible:
      return { status: 'infeasible-or-unbounded' };
    default:
      throw new VindexError('VDX_SOLVER_FAILED', `HiGHS stopped with model status ${status} (no proven optimum)`);
  }
}

/** One LP of a series over the same columns and rows (see withConstraints). */
export interface SeriesChange {
  /** Replaces the objective (and its sense); omitted, the previous one is kept. */
  readonly objective?: { readonly sense: 'minimize' | 'maximize'; readonly terms: readonly Term[] };
  /** Right-hand sides for this run only, by constraint index; other rows have the model's. */
  readonly rhs?: ReadonlyMap<number, number>;
}
export type SeriesSolve = (change: SeriesChange) => SolveResult;

/**
 * Loads an LP once and hands `use` a function that solves it again and again with another
 * objective or other right-hand sides, each run warm-started from the previous basis (presolve
 * off so the basis carries over). For the audit (min and max of every suppressed cell over the
 * same polytope) and the Benders separation (the same dual LP for many target cells): hundreds of
 * LPs that differ in a few numbers. LP only (no integers).
 */
export async function withConstraints<T>(model: Omit<LinearModel, 'objective' | 'sense'> & { readonly objective?: readonly Term[]; readonly sense?: 'minimize' | 'maximize' }, use: (solve: SeriesSolve) => Promise<T>): Promise<T> {
  if ((model.integers?.size ?? 0) > 0) throw new VindexError('VDX_INTERNAL', 'withConstraints is for linear programs only');
  const solver = await highs();
  const { data, names } = modelData({ ...model, sense: model.sense ?? 'minimize', objective: model.objective ?? [] });
  const index = new Map(names.map((name, j) => [name, j]));
  const codes = solver.constants.modelStatus;
  const senseCode = (sense: 'minimize' | 'maximize') => (sense === 'minimize' ? solver.constants.objectiveSense.minimize : solver.constants.objectiveSense.maximize);
  let m: ReturnType<Highs['createModel']>;
  try {
    m = solver.createModel({ ...data, sense: senseCode(model.sense ?? 'minimize') });
    m.options.set({ output_flag: false, log_to_console: false, presolve: 'off', time_limit: 60 });
  } catch (error) {
    throw new VindexError('VDX_SOLVER_FAILED', `HiGHS rejected the model: ${String(error)}`);
  }
  let costed: number[] = [...data.colCost.keys()].filter((j) => data.colCost[j] !== 0);
  let moved: number[] = [];
  const setRow = (i: number, rhs: number): void => {
    const op = model.constraints[i]?.op;
    if (op === undefined) throw new VindexError('VDX_INTERNAL', `LP series: no constraint ${i}`);
    m.changeRowBounds(i, op === '<=' ? -Infinity : rhs, op === '>=' ? Infinity : rhs);
  };
  const solve: SeriesSolve = (change) => {
    let status: number;
    let value: number;
    let colValue: Float64Array;
    try {
      if (change.objective) {
        for (const j of costed) m.changeColCost(j, 0);
        const cost = new Map<number, number>();
        for (const t of change.objective.terms) {
          const j = index.get(t.variable);
          if (j === undefined) throw new VindexError('VDX_INTERNAL', `LP objective uses undeclared variable ${t.variable}`);
          cost.set(j, (cost.get(j) ?? 0) + t.coef);
        }
        for (const [j, c] of cost) m.changeColCost(j, c);
        costed = [...cost.keys()];
        m.changeObjectiveSense(senseCode(change.objective.sense));
      }
      for (const i of moved) setRow(i, model.constraints[i]!.rhs);
      moved = [];
      for (const [i, rhs] of change.rhs ?? []) {
        setRow(i, rhs);
        moved.push(i);
      }
      try {
        m.run();
      } catch {
        // A warm-started simplex can fail numerically after many bound changes (seen as "run
        // failed with HiGHS status -1" on a 2,000-series demo); the remedy is a cold start from
        // the same model, so drop the basis and solve once more before giving up.
        m.clearSolver();
        m.run();
      }
      status = m.getModelStatus();
      value = m.getObjectiveValue();
      colValue = m.getSolution().colValue;
    } catch (error) {
      if (error instanceof VindexError) throw error;
      throw new VindexError('VDX_SOLVER_FAILED', `HiGHS failed on an LP: ${String(error)}`);
    }
    switch (status) {
      case codes.optimal:
        return { status: 'optimal', objective: value, values: new Map(names.map((name, j) => [name, colValue[j]!])) };
      default:
        return withoutOptimum(status, codes);
    }
  };
  try {
    return await use(solve);
  } finally {
    m.dispose();
  }
}
