import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumericalError } from '../contract/method.ts';
import { expectClose } from '../testing/close.ts';
import { unitSampler } from './bootstrap.ts';
import type { Rating } from './categories.ts';
import { unitCoincidences } from './coincidence.ts';
import fixtures from './fixtures/krippendorff-alpha.json' with { type: 'json' };
import { bootstrapAlpha, krippendorffAlpha, type MeasurementLevel } from './krippendorff-alpha.ts';

const TOL = 1e-9;
const LEVELS: readonly MeasurementLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

interface Case {
  name: string;
  data: Rating[][];
  level: MeasurementLevel;
  expected: {
    alpha: number | null;
    observedDisagreement: number;
    expectedDisagreement: number;
    pairableValues: number;
    units: number;
    droppedUnits: number;
  };
}
interface BootstrapCase {
  name: string;
  data: Rating[][];
  level: MeasurementLevel;
  alpha: number;
  lower: number;
  upper: number;
  samples: number;
}
const cases = fixtures.cases as unknown as Case[];
const bootstrapCases = fixtures.bootstrap as unknown as BootstrapCase[];
const num = (x: number | null): number => x ?? NaN;

describe('krippendorffAlpha agrees with the coincidence-matrix definition written out in R', () => {
  for (const c of cases) {
    it(c.name, () => {
      const r = krippendorffAlpha(c.data, { level: c.level });
      expectClose(r.alpha, num(c.expected.alpha), TOL, `${c.name} alpha`);
      expectClose(r.observedDisagreement, c.expected.observedDisagreement, TOL, `${c.name} D_o`);
      expectClose(r.expectedDisagreement, c.expected.expectedDisagreement, TOL, `${c.name} D_e`);
      expectClose(r.pairableValues, c.expected.pairableValues, TOL, `${c.name} n`);
      expect(r.units).toBe(c.expected.units);
      expect(r.droppedUnits).toBe(c.expected.droppedUnits);
    });
  }
});

describe('krippendorffAlpha reproduces Krippendorff (2011), worked example C', () => {
  // 4 observers × 12 units, values 1–5, missing entries; unit 12 has one value and is dropped.
  const data = cases.find((c) => c.name.startsWith('Krippendorff 2011'))!.data;
  const published: Record<MeasurementLevel, number> = { nominal: 0.743, ordinal: 0.815, interval: 0.849, ratio: 0.797 };
  for (const level of LEVELS) {
    it(`${level}: α = ${published[level]}`, () => {
      const r = krippendorffAlpha(data, { level });
      expect(r.alpha.toFixed(3)).toBe(published[level].toFixed(3));
      expect(r.pairableValues).toBe(40);
      expect(r.droppedUnits).toBe(1);
    });
  }
});

describe('krippendorffAlpha edge cases', () => {
  it('no variation among pairable values: α undefined (NaN) with a warning', () => {
    for (const level of LEVELS) {
      const r = krippendorffAlpha([[2, 2, null], [2, 2, 3]], { level });
      expect(r.alpha).toBeNaN();
      expect(r.warnings.join(' ')).toMatch(/undefined/);
    }
  });
  it('Float64Array rows with NaN as missing equal null-coded rows', () => {
    const data = cases.find((c) => c.name.startsWith('2 coders, missing values'))!.data;
    const typed = data.map((row) => Float64Array.from(row, (v) => (v === null ? NaN : (v as number))));
    for (const level of LEVELS) expectClose(krippendorffAlpha(typed, { level }).alpha, krippendorffAlpha(data, { level }).alpha, 1e-15, level);
  });
  it('rejects data with no meaningful answer', () => {
    expect(() => krippendorffAlpha([[1, 2, null], [null, null, 3]])).toThrow(/two or more values/);
    expect(() => krippendorffAlpha([['a', 'b'], ['a', 'a']], { level: 'interval' })).toThrow(/must be numbers/);
    expect(() => krippendorffAlpha([[-1, 2], [1, 2]], { level: 'ratio' })).toThrow(/non-negative/);
    expect(() => krippendorffAlpha([[1, 2], [1]])).toThrow(/one entry per unit/);
    expect(() => krippendorffAlpha([])).toThrow(NumericalError);
    expect(() => krippendorffAlpha([[1, 2], [1, 2]], { bootstrap: { seed: 0 } })).toThrow(/seed/);
    expect(() => krippendorffAlpha([[1, 2], [1, 2]], { bootstrap: { seed: 1, samples: 0 } })).toThrow(/samples/);
  });
});

describe('krippendorffAlpha bootstrap (units resampled, percentile interval)', () => {
  const c = bootstrapCases[0];

  it('the same seed gives the same interval; another seed another', () => {
    const a = krippendorffAlpha(c.data, { level: 'ordinal', bootstrap: { samples: 500, seed: 42 } });
    const b = krippendorffAlpha(c.data, { level: 'ordinal', bootstrap: { samples: 500, seed: 42 } });
    const d = krippendorffAlpha(c.data, { level: 'ordinal', bootstrap: { samples: 500, seed: 43 } });
    expect([b.lower, b.upper]).toEqual([a.lower, a.upper]);
    expect([d.lower, d.upper]).not.toEqual([a.lower, a.upper]);
    expect(a.lower!).toBeLessThan(a.alpha);
    expect(a.upper!).toBeGreaterThan(a.alpha);
    expect(a.bootstrap).toEqual({ samples: 500, seed: 42, level: 0.95, undefinedSamples: 0 });
  });

  it('each replicate is exactly α of the resampled units (the shortcut changes nothing)', () => {
    const shares = unitCoincidences(c.data);
    const pairable = c.data[0].map((_, u) => u).filter((u) => c.data.filter((row) => row[u] !== null).length >= 2);
    for (const level of LEVELS) {
      const replicates = bootstrapAlpha(shares, level, 5, 7);
      const sampler = unitSampler(7);
      const draws = new Int32Array(shares.units);
      for (let b = 0; b < 5; b++) {
        sampler.sample(shares.units, draws);
        const resampled = c.data.map((row) => Array.from(draws, (i) => row[pairable[i]]));
        expectClose(replicates[b], krippendorffAlpha(resampled, { level }).alpha, 1e-12, `${level} replicate ${b}`);
      }
    }
  });

  for (const bc of bootstrapCases) {
    it(`agrees loosely with R boot::boot percentile interval: ${bc.name}`, () => {
      // Different random streams: Monte Carlo error of a 95% percentile endpoint here is ≈ 0.01.
      const r = krippendorffAlpha(bc.data, { level: bc.level, bootstrap: { samples: 4000, seed: 2026 } });
      expectClose(r.alpha, bc.alpha, TOL, 'alpha');
      expect(Math.abs(r.lower! - bc.lower)).toBeLessThan(0.03);
      expect(Math.abs(r.upper! - bc.upper)).toBeLessThan(0.03);
    });
  }

  it('replicates with no variation are left out and counted', () => {
    // Two units only, one of them without variation: some replicates draw it twice.
    const r = krippendorffAlpha([[1, 2], [1, 2], [1, 3]], { bootstrap: { samples: 200, seed: 5 } });
    expect(r.bootstrap!.undefinedSamples).toBeGreaterThan(0);
    expect(r.warnings.join(' ')).toMatch(/left out of the interval/);
  });
});

describe('krippendorffAlpha properties', () => {
  const level = fc.constantFrom(...LEVELS);
  const data = fc
    .record({ coders: fc.integer({ min: 2, max: 5 }), units: fc.integer({ min: 2, max: 25 }) })
    .chain(({ coders, units }) =>
      fc.array(fc.array(fc.option(fc.integer({ min: 0, max: 6 }), { freq: 4 }), { minLength: units, maxLength: units }), { minLength: coders, maxLength: coders }),
    );
  const defined = (d: (number | null)[][], l: MeasurementLevel): boolean => {
    try {
      return !Number.isNaN(krippendorffAlpha(d, { level: l }).alpha);
    } catch {
      return false;
    }
  };

  it('α = 1 for perfect agreement with at least two values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 2, maxLength: 30 }), fc.integer({ min: 2, max: 5 }), level, (truth, coders, l) => {
        fc.pre(new Set(truth).size >= 2);
        const d = Array.from({ length: coders }, () => truth);
        expectClose(krippendorffAlpha(d, { level: l }).alpha, 1, 1e-12, 'alpha');
      }),
    );
  });

  it('permuting units or coders leaves α unchanged', () => {
    fc.assert(
      fc.property(data, level, fc.integer({ min: 1, max: 1000 }), (d, l, seed) => {
        fc.pre(defined(d, l));
        const units = d[0].length;
        const order = permutation(units, seed);
        const permuted = [...d].reverse().map((row) => order.map((u) => row[u]));
        expectClose(krippendorffAlpha(permuted, { level: l }).alpha, krippendorffAlpha(d, { level: l }).alpha, 1e-10, 'alpha');
      }),
    );
  });
});

function permutation(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  const sampler = unitSampler(seed);
  const pick = new Int32Array(1);
  for (let i = n - 1; i > 0; i--) {
    sampler.sample(i + 1, pick);
    [order[i], order[pick[0]]] = [order[pick[0]], order[i]];
  }
  return order;
}
