import { expect } from 'vitest';

/**
 * Asserts |actual − expected| ≤ relTol · max(|expected|, 1): relative error, with an absolute
 * floor of relTol for values near 0. On failure the message shows actual, expected, the
 * difference and the tolerance.
 */
export function expectClose(actual: number, expected: number, relTol: number, label?: string): void {
  const ok =
    (Number.isNaN(expected) && Number.isNaN(actual)) ||
    actual === expected ||
    Math.abs(actual - expected) <= relTol * Math.max(Math.abs(expected), 1);
  if (!ok) {
    const diff = actual - expected;
    const rel = Math.abs(diff) / Math.max(Math.abs(expected), 1);
    expect.fail(`${label ? label + ': ' : ''}actual ${actual}, expected ${expected}, difference ${diff} (relative ${rel.toExponential(3)}), tolerance ${relTol}`);
  }
}
