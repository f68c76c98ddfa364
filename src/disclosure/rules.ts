import { VindexError } from '../errors.js';

/** Named thresholds and defaults of disclosure control (docs/disclosure.md states each). */

/** Minimum frequency: a count 0 < n < MIN_FREQUENCY is sensitive (Hundepool et al. 2012, §4.2.1). */
export const DEFAULT_MIN_FREQUENCY = 10;
/** Controlled-rounding base (Cox 1987). */
export const DEFAULT_ROUNDING_BASE = 5;

export interface DominanceRule {
  /** (n,k)-dominance: sensitive if the n largest contributions exceed k % of the cell total. */
  readonly n: number;
  readonly k: number;
}

export interface PPercentRule {
  /** p% rule: sensitive if the total minus the two largest contributions is below p % of the largest. */
  readonly p: number;
}

export interface PrimaryRules {
  /** Default DEFAULT_MIN_FREQUENCY. */
  readonly threshold?: number;
  /** Treat zero counts as sensitive (upper protection = threshold). Default false. */
  readonly protectZeros?: boolean;
  readonly dominance?: DominanceRule;
  readonly pPercent?: PPercentRule;
}

export function checkRules(rules: PrimaryRules): Required<Pick<PrimaryRules, 'threshold' | 'protectZeros'>> & PrimaryRules {
  const threshold = rules.threshold ?? DEFAULT_MIN_FREQUENCY;
  if (!Number.isInteger(threshold) || threshold < 1) throw new VindexError('VDX_DISCLOSURE_TABLE', `threshold must be a whole number ≥ 1, got ${threshold}`);
  if (rules.dominance) {
    const { n, k } = rules.dominance;
    if (!Number.isInteger(n) || n < 1 || !(k > 0 && k < 100)) throw new VindexError('VDX_DISCLOSURE_TABLE', `(n,k)-dominance needs a whole n ≥ 1 and 0 < k < 100, got (${n}, ${k})`);
  }
  if (rules.pPercent && !(rules.pPercent.p > 0 && rules.pPercent.p <= 100)) {
    throw new VindexError('VDX_DISCLOSURE_TABLE', `p% rule needs 0 < p ≤ 100, got ${rules.pPercent.p}`);
  }
  return { ...rules, threshold, protectZeros: rules.protectZeros ?? false };
}
