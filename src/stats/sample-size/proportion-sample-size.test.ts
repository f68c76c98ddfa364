import { describe, expect, it } from 'vitest';
import { NumericalError } from '../contract/method.ts';
import { expectClose } from '../testing/close.ts';
import fixtures from './fixtures/sample-size.json' with { type: 'json' };
import { sampleSize } from './proportion-sample-size.ts';

// A closed form: agreement with R's qnorm to rounding error.
const TOL = 1e-9;

interface Case {
  marginOfError: number;
  proportion: number;
  level: number;
  designEffect: number;
  populationSize?: number;
  expected: { n: number; unroundedN: number; n0: number; z: number };
}

describe('sampleSize against R', () => {
  for (const c of fixtures.cases as Case[]) {
    const label = `e=${c.marginOfError} p=${c.proportion} level=${c.level} deff=${c.designEffect} N=${c.populationSize ?? '∞'}`;
    it(label, () => {
      const r = sampleSize({
        marginOfError: c.marginOfError,
        proportion: c.proportion,
        level: c.level,
        designEffect: c.designEffect,
        ...(c.populationSize !== undefined ? { populationSize: c.populationSize } : {}),
      });
      expect(r.n).toBe(c.expected.n);
      expectClose(r.unroundedN, c.expected.unroundedN, TOL, `${label} unroundedN`);
      expectClose(r.n0, c.expected.n0, TOL, `${label} n0`);
      expectClose(r.z, c.expected.z, TOL, `${label} z`);
    });
  }
});

describe('sampleSize against published tables', () => {
  it('gives the textbook 385 for ±5 points at 95% and p = 0.5 (n₀ = 384.15, rounded up)', () => {
    expect(sampleSize({ marginOfError: 0.05 }).n).toBe(385);
  });

  // Krejcie & Morgan (1970), Table 1 (same formula with χ²₁ = 3.841, rounded to nearest); the
  // entries below are ones where rounding up gives the same value.
  it.each([
    [100, 80],
    [1000, 278],
    [10000, 370],
  ])('Krejcie & Morgan: N = %i needs %i', (N, n) => {
    expect(sampleSize({ marginOfError: 0.05, proportion: 0.5, level: 0.95, populationSize: N }).n).toBe(n);
  });

  it('multiplies n₀ by the design effect before the finite-population correction', () => {
    const srs = sampleSize({ marginOfError: 0.05 });
    const clustered = sampleSize({ marginOfError: 0.05, designEffect: 2 });
    expectClose(clustered.n0, 2 * srs.n0, TOL);
  });

  it('never asks for more than the population, nor for fewer than one unit', () => {
    expect(sampleSize({ marginOfError: 0.01, populationSize: 50 }).n).toBeLessThanOrEqual(50);
    expect(sampleSize({ marginOfError: 0.999, proportion: 0.001 }).n).toBe(1);
  });

  it('does not round an exact integer up by floating error', () => {
    // n₀ = z²·p(1 − p)·deff/e² = p(1 − p)k/e², an integer, when deff = k/z²; floating point lands
    // on either side of it.
    const z = sampleSize({ marginOfError: 0.1 }).z;
    let above = 0;
    for (const [e, p, perK] of [[0.1, 0.2, 16], [0.1, 0.1, 9], [0.1, 0.3, 21], [0.05, 0.5, 100], [0.05, 0.2, 64]] as const) {
      for (let k = 1; k <= 50; k++) {
        const r = sampleSize({ marginOfError: e, proportion: p, designEffect: k / (z * z) });
        if (r.unroundedN > perK * k) above++;
        expect(r.n, `e = ${e}, p = ${p}, k = ${k}, n₀ = ${r.unroundedN}`).toBe(perK * k);
      }
    }
    expect(above).toBeGreaterThan(0);
  });

  it('refuses inputs outside their ranges', () => {
    expect(() => sampleSize({ marginOfError: 0 })).toThrow(NumericalError);
    expect(() => sampleSize({ marginOfError: 0.05, proportion: 1 })).toThrow(/proportion/);
    expect(() => sampleSize({ marginOfError: 0.05, level: 95 })).toThrow(/level/);
    expect(() => sampleSize({ marginOfError: 0.05, designEffect: 0 })).toThrow(/designEffect/);
    expect(() => sampleSize({ marginOfError: 0.05, populationSize: 0.5 })).toThrow(/populationSize/);
  });
});
