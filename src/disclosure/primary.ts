import { checkRules, type PrimaryRules } from './rules.js';
import type { Cell, TableSystem } from './system.js';

/**
 * Primary suppression (Hundepool et al. 2012, §4.2): which cells are sensitive, and how far an
 * attacker must remain unable to narrow each one (its protection levels).
 */

export type PrimaryReason = 'frequency' | 'zero' | 'dominance' | 'p-percent';

export interface Sensitivity {
  readonly id: string;
  readonly value: number;
  readonly reasons: readonly PrimaryReason[];
  /** The attacker's lower bound must be ≤ value − lowerProtection. */
  readonly lowerProtection: number;
  /** The attacker's upper bound must be ≥ value + upperProtection. */
  readonly upperProtection: number;
}

/** ⌈x⌉ that ignores floating-point dust (9.000000000000002 → 9). */
function ceilSafe(x: number): number {
  return Math.ceil(x - 1e-9);
}

/**
 * Sensitivity of one cell, or undefined when safe. Protection levels (each rule's required
 * interval; the widest wins when several apply):
 * - frequency (0 < n < t): upper = t − n, lower = n — the attacker can neither prove n < t nor
 *   exclude 0 (the interval [0, t] ⊆ what they can deduce);
 * - zero (protectZeros, n = 0): upper = t, lower = 0;
 * - (n,k)-dominance, top-n sum S: upper = ⌈100·S/k − X⌉ — the smallest total at which the rule
 *   no longer fires (Hundepool §4.2.3); lower = the same, capped at the value;
 * - p% rule, largest x₁, second x₂: upper = ⌈p/100·x₁ − (X − x₁ − x₂)⌉ — the second-largest
 *   contributor cannot estimate x₁ within p % (Hundepool §4.2.4); lower = the same, capped.
 */
export function cellSensitivity(cell: Cell, rulesIn: PrimaryRules = {}): Sensitivity | undefined {
  const rules = checkRules(rulesIn);
  const t = rules.threshold;
  const n = cell.value;
  const reasons: PrimaryReason[] = [];
  let lower = 0;
  let upper = 0;
  if (n > 0 && n < t) {
    reasons.push('frequency');
    lower = Math.max(lower, n);
    upper = Math.max(upper, t - n);
  }
  if (n === 0 && rules.protectZeros) {
    reasons.push('zero');
    upper = Math.max(upper, t);
  }
  const contributions = cell.contributions ? [...cell.contributions].sort((a, b) => b - a) : [];
  if (rules.dominance && contributions.length > 0 && n > 0) {
    const top = contributions.slice(0, rules.dominance.n).reduce((a, b) => a + b, 0);
    if (top * 100 > rules.dominance.k * n) {
      reasons.push('dominance');
      const level = Math.max(1, ceilSafe((100 * top) / rules.dominance.k - n));
      upper = Math.max(upper, level);
      lower = Math.max(lower, Math.min(level, n));
    }
  }
  if (rules.pPercent && contributions.length > 0 && n > 0) {
    const x1 = contributions[0]!;
    const x2 = contributions[1] ?? 0;
    const rest = n - x1 - x2;
    if (rest < (rules.pPercent.p * x1) / 100) {
      reasons.push('p-percent');
      const level = Math.max(1, ceilSafe((rules.pPercent.p * x1) / 100 - rest));
      upper = Math.max(upper, level);
      lower = Math.max(lower, Math.min(level, n));
    }
  }
  if (reasons.length === 0) return undefined;
  return Object.freeze({ id: cell.id, value: n, reasons: Object.freeze(reasons), lowerProtection: lower, upperProtection: upper });
}

/** Every sensitive cell of a system, in cell order. */
export function primarySuppression(system: TableSystem, rules: PrimaryRules = {}): readonly Sensitivity[] {
  const out: Sensitivity[] = [];
  for (const cell of system.cells.values()) {
    const s = cellSensitivity(cell, rules);
    if (s) out.push(s);
  }
  return Object.freeze(out);
}
