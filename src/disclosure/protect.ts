import { VindexError } from '../errors.js';
import type { AuditResult } from './audit.js';
import { complementarySuppression, type SuppressionCost } from './complementary.js';
import { noisyCounts, type PrivacyBudget } from './noise.js';
import { primarySuppression, type PrimaryReason } from './primary.js';
import { controlledRounding } from './rounding.js';
import { checkRules, DEFAULT_ROUNDING_BASE, type PrimaryRules } from './rules.js';
import { SOLVER } from './solver.js';
import { linkSystems, type TableSystem } from './system.js';

/**
 * tables → link → { primary → complementary (MIP) → audit | controlled rounding | geometric noise } → published cells
 *
 * One entry point for outputs: every count a release publishes comes out of protectTables.
 */

export type CellStatus = 'published' | 'primary' | 'secondary' | 'rounded' | 'noised';

export interface ProtectedCell {
  readonly id: string;
  /** The value to publish; null when suppressed. */
  readonly value: number | null;
  readonly status: CellStatus;
  /** Primary-suppression reasons, for status 'primary'. */
  readonly reasons?: readonly PrimaryReason[];
  readonly tables: readonly string[];
}

export type ProtectionMethod = 'suppression' | 'rounding' | 'noise';

export interface ProtectOptions {
  /** Default 'suppression'. */
  readonly method?: ProtectionMethod;
  /** Primary rules (suppression): threshold (default 10), protectZeros, dominance, pPercent. */
  readonly rules?: PrimaryRules;
  /** Suppression cost: 'value' (default) or 'count'. */
  readonly cost?: SuppressionCost;
  /** Sensitive cells (witness MIP) or failing sides (Benders) per constraint-generation round (default 50). */
  readonly batch?: number;
  /** Rounding base (default 5). */
  readonly base?: number;
  /** ε per cell for noise (required for method 'noise'). */
  readonly epsilon?: number;
  /** Seed for noise (required for method 'noise'). */
  readonly seed?: number;
  /** Seconds per solver call (default 60). */
  readonly timeLimit?: number;
  /** Suppression of large tables: master MIPs solved to optimality before the greedy cover of the cuts (default 25); the audit guarantees the pattern either way. */
  readonly maxRounds?: number;
}

/** What was done, for the release manifest. */
export type MethodRecord =
  | {
      readonly method: 'suppression';
      readonly rules: { readonly threshold: number; readonly protectZeros: boolean; readonly dominance: { n: number; k: number } | null; readonly pPercent: { p: number } | null };
      readonly protectionLevels: 'frequency: upper = threshold − n, lower = n; dominance/p%: Hundepool et al. 2012 §4.2';
      readonly complementary: 'Fischetti–Salazar MIP with constraint generation, HiGHS';
      readonly cost: SuppressionCost;
      readonly rounds: number;
      /** False when a MIP stopped at its time limit and its pattern was kept because the audit passed (safe, possibly not minimal). */
      readonly proven: boolean;
      readonly primaryCells: number;
      readonly secondaryCells: number;
      readonly solver: typeof SOLVER;
    }
  | { readonly method: 'rounding'; readonly kind: 'zero-restricted controlled rounding (Cox 1987), HiGHS'; readonly base: number; readonly totalChange: number; readonly solver: typeof SOLVER }
  | { readonly method: 'noise'; readonly budget: PrivacyBudget };

export interface ProtectedTables {
  /** Every cell of the (linked) tables, in cell order. */
  readonly cells: readonly ProtectedCell[];
  /** The attacker audit (method 'suppression'); always passing here, since a failure throws. */
  readonly audit: AuditResult | null;
  readonly record: MethodRecord;
}

/** Protects one or more (linked) tables; the cells of all tables come back together. */
export async function protectTables(tables: TableSystem | readonly TableSystem[], options: ProtectOptions = {}): Promise<ProtectedTables> {
  const system = Array.isArray(tables) ? linkSystems(...(tables as readonly TableSystem[])) : (tables as TableSystem);
  const method = options.method ?? 'suppression';
  const timing = options.timeLimit !== undefined ? { timeLimit: options.timeLimit } : {};
  const ids = [...system.cells.keys()];
  const tablesOf = (id: string): readonly string[] => system.cells.get(id)!.tables ?? [];
  switch (method) {
    case 'suppression': {
      const rules = checkRules(options.rules ?? {});
      const sensitive = primarySuppression(system, rules);
      const cost = options.cost ?? 'value';
      const pattern = await complementarySuppression(system, sensitive, { cost, ...(options.batch !== undefined ? { batch: options.batch } : {}), ...(options.maxRounds !== undefined ? { maxRounds: options.maxRounds } : {}), ...timing });
      if (!pattern.audit.pass) throw new VindexError('VDX_INTERNAL', 'suppression pattern failed its audit');
      const reasons = new Map(sensitive.map((s) => [s.id, s.reasons]));
      const secondary = new Set(pattern.secondary);
      const cells = ids.map((id): ProtectedCell => {
        const r = reasons.get(id);
        if (r) return Object.freeze({ id, value: null, status: 'primary', reasons: r, tables: tablesOf(id) });
        if (secondary.has(id)) return Object.freeze({ id, value: null, status: 'secondary', tables: tablesOf(id) });
        return Object.freeze({ id, value: system.cells.get(id)!.value, status: 'published', tables: tablesOf(id) });
      });
      return Object.freeze({
        cells: Object.freeze(cells),
        audit: pattern.audit,
        record: Object.freeze({
          method: 'suppression',
          rules: { threshold: rules.threshold, protectZeros: rules.protectZeros, dominance: rules.dominance ? { ...rules.dominance } : null, pPercent: rules.pPercent ? { ...rules.pPercent } : null },
          protectionLevels: 'frequency: upper = threshold − n, lower = n; dominance/p%: Hundepool et al. 2012 §4.2',
          complementary: 'Fischetti–Salazar MIP with constraint generation, HiGHS',
          cost,
          rounds: pattern.rounds,
          proven: pattern.proven,
          primaryCells: pattern.primary.length,
          secondaryCells: pattern.secondary.length,
          solver: SOLVER,
        } as const),
      });
    }
    case 'rounding': {
      const rounded = await controlledRounding(system, options.base ?? DEFAULT_ROUNDING_BASE, timing);
      const cells = ids.map((id): ProtectedCell => Object.freeze({ id, value: rounded.values.get(id)!, status: 'rounded', tables: tablesOf(id) }));
      return Object.freeze({
        cells: Object.freeze(cells),
        audit: null,
        record: Object.freeze({ method: 'rounding', kind: 'zero-restricted controlled rounding (Cox 1987), HiGHS', base: rounded.base, totalChange: rounded.totalChange, solver: SOLVER } as const),
      });
    }
    case 'noise': {
      if (options.epsilon === undefined || options.seed === undefined) throw new VindexError('VDX_DISCLOSURE_TABLE', "method 'noise' needs epsilon and seed");
      const noisy = noisyCounts(ids.map((id) => system.cells.get(id)!.value), options.epsilon, options.seed);
      const cells = ids.map((id, i): ProtectedCell => Object.freeze({ id, value: noisy.values[i]!, status: 'noised', tables: tablesOf(id) }));
      return Object.freeze({ cells: Object.freeze(cells), audit: null, record: Object.freeze({ method: 'noise', budget: noisy.budget } as const) });
    }
    default:
      throw new VindexError('VDX_DISCLOSURE_TABLE', `unknown protection method ${String(method)} (suppression, rounding or noise)`);
  }
}
