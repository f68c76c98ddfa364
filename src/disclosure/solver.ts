import type { Highs, InitOptions } from 'highs';
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
  /** Seconds; default 60. Reaching it without a proven optimum is an error (fail closed). */
  readonly timeLimit?: number;
}

/**
 * Solves a model to proven optimality (MIP relative gap 0). Infeasible and unbounded models are
 * results, not errors; any other outcome (time limit, solver error) throws VDX_SOLVER_FAILED.
 */
export async function solveModel(model: LinearModel, options: SolveOptions = {}): Promise<SolveResult> {
  const solver = await highs();
  const text = toLpText(model);
  let result: ReturnType<Highs['solve']>;
  try {
    result = solver.solve(text, {
      output_flag: false,
      log_to_console: false,
      mip_rel_gap: 0,
      time_limit: options.timeLimit ?? 60,
    });
  } catch (error) {
    throw new VindexError('VDX_SOLVER_FAILED', `HiGHS rejected the model: ${String(error)}`);
  }
  switch (result.Status) {
    case 'Optimal': {
      const values = new Map<string, number>();
      for (const name of model.variables.keys()) {
        const col = (result.Columns as Record<string, { Primal: number } | undefined>)[name];
        // HiGHS drops columns that appear in no row and no objective; they sit at their lower bound.
        values.set(name, col ? col.Primal : (model.variables.get(name)?.lower ?? 0));
      }
      return { status: 'optimal', objective: result.ObjectiveValue, values };
    }
    case 'Infeasible':
      return { status: 'infeasible' };
    case 'Unbounded':
      return { status: 'unbounded' };
    case 'Primal infeasible or unbounded':
      return { status: 'infeasible-or-unbounded' };
    default:
      throw new VindexError('VDX_SOLVER_FAILED', `HiGHS stopped with status "${result.Status}" (no proven optimum)`);
  }
}
